// Friendly names for the generated Envoy types (the input form: what you write), and XdsMessages, the map from
// full proto names to input and decoded (__Output) forms that types `encode`, `decode` and `anyOf`.
// Type re-exports only.
import type * as G_BootstrapConfigDump from '../generated/types/envoy/admin/v3/BootstrapConfigDump.js';
import type * as G_AdminClusters from '../generated/types/envoy/admin/v3/Clusters.js';
import type * as G_ClustersConfigDump from '../generated/types/envoy/admin/v3/ClustersConfigDump.js';
import type * as G_ConfigDump from '../generated/types/envoy/admin/v3/ConfigDump.js';
import type * as G_EndpointsConfigDump from '../generated/types/envoy/admin/v3/EndpointsConfigDump.js';
import type * as G_AdminListeners from '../generated/types/envoy/admin/v3/Listeners.js';
import type * as G_ListenersConfigDump from '../generated/types/envoy/admin/v3/ListenersConfigDump.js';
import type * as G_RoutesConfigDump from '../generated/types/envoy/admin/v3/RoutesConfigDump.js';
import type * as G_ScopedRoutesConfigDump from '../generated/types/envoy/admin/v3/ScopedRoutesConfigDump.js';
import type * as G_SecretsConfigDump from '../generated/types/envoy/admin/v3/SecretsConfigDump.js';
import type * as G_ServerInfo from '../generated/types/envoy/admin/v3/ServerInfo.js';
import type * as G_AccessLog from '../generated/types/envoy/config/accesslog/v3/AccessLog.js';
import type * as G_Bootstrap from '../generated/types/envoy/config/bootstrap/v3/Bootstrap.js';
import type * as G_Cluster from '../generated/types/envoy/config/cluster/v3/Cluster.js';
import type * as G_Address from '../generated/types/envoy/config/core/v3/Address.js';
import type * as G_ConfigSource from '../generated/types/envoy/config/core/v3/ConfigSource.js';
import type * as G_DataSource from '../generated/types/envoy/config/core/v3/DataSource.js';
import type * as G_Locality from '../generated/types/envoy/config/core/v3/Locality.js';
import type * as G_Metadata from '../generated/types/envoy/config/core/v3/Metadata.js';
import type * as G_Node from '../generated/types/envoy/config/core/v3/Node.js';
import type * as G_SocketAddress from '../generated/types/envoy/config/core/v3/SocketAddress.js';
import type * as G_TransportSocket from '../generated/types/envoy/config/core/v3/TransportSocket.js';
import type * as G_ClusterLoadAssignment from '../generated/types/envoy/config/endpoint/v3/ClusterLoadAssignment.js';
import type * as G_Endpoint from '../generated/types/envoy/config/endpoint/v3/Endpoint.js';
import type * as G_LbEndpoint from '../generated/types/envoy/config/endpoint/v3/LbEndpoint.js';
import type * as G_LocalityLbEndpoints from '../generated/types/envoy/config/endpoint/v3/LocalityLbEndpoints.js';
import type * as G_NetworkFilter from '../generated/types/envoy/config/listener/v3/Filter.js';
import type * as G_FilterChain from '../generated/types/envoy/config/listener/v3/FilterChain.js';
import type * as G_FilterChainMatch from '../generated/types/envoy/config/listener/v3/FilterChainMatch.js';
import type * as G_Listener from '../generated/types/envoy/config/listener/v3/Listener.js';
import type * as G_ListenerFilter from '../generated/types/envoy/config/listener/v3/ListenerFilter.js';
import type * as G_RBACPolicy from '../generated/types/envoy/config/rbac/v3/Policy.js';
import type * as G_RBACPolicies from '../generated/types/envoy/config/rbac/v3/RBAC.js';
import type * as G_HeaderMatcher from '../generated/types/envoy/config/route/v3/HeaderMatcher.js';
import type * as G_RetryPolicy from '../generated/types/envoy/config/route/v3/RetryPolicy.js';
import type * as G_Route from '../generated/types/envoy/config/route/v3/Route.js';
import type * as G_RouteAction from '../generated/types/envoy/config/route/v3/RouteAction.js';
import type * as G_RouteConfiguration from '../generated/types/envoy/config/route/v3/RouteConfiguration.js';
import type * as G_RouteMatch from '../generated/types/envoy/config/route/v3/RouteMatch.js';
import type * as G_VirtualHost from '../generated/types/envoy/config/route/v3/VirtualHost.js';
import type * as G_WeightedCluster from '../generated/types/envoy/config/route/v3/WeightedCluster.js';
import type * as G_AccessLogCommon from '../generated/types/envoy/data/accesslog/v3/AccessLogCommon.js';
import type * as G_HTTPAccessLogEntry from '../generated/types/envoy/data/accesslog/v3/HTTPAccessLogEntry.js';
import type * as G_TCPAccessLogEntry from '../generated/types/envoy/data/accesslog/v3/TCPAccessLogEntry.js';
import type * as G_FileAccessLog from '../generated/types/envoy/extensions/access_loggers/file/v3/FileAccessLog.js';
import type * as G_HttpGrpcAccessLogConfig from '../generated/types/envoy/extensions/access_loggers/grpc/v3/HttpGrpcAccessLogConfig.js';
import type * as G_TcpGrpcAccessLogConfig from '../generated/types/envoy/extensions/access_loggers/grpc/v3/TcpGrpcAccessLogConfig.js';
import type * as G_HttpBuffer from '../generated/types/envoy/extensions/filters/http/buffer/v3/Buffer.js';
import type * as G_HttpBufferPerRoute from '../generated/types/envoy/extensions/filters/http/buffer/v3/BufferPerRoute.js';
import type * as G_Cors from '../generated/types/envoy/extensions/filters/http/cors/v3/Cors.js';
import type * as G_CorsPolicy from '../generated/types/envoy/extensions/filters/http/cors/v3/CorsPolicy.js';
import type * as G_HTTPFault from '../generated/types/envoy/extensions/filters/http/fault/v3/HTTPFault.js';
import type * as G_GrpcStatsFilterConfig from '../generated/types/envoy/extensions/filters/http/grpc_stats/v3/FilterConfig.js';
import type * as G_RBAC from '../generated/types/envoy/extensions/filters/http/rbac/v3/RBAC.js';
import type * as G_RBACPerRoute from '../generated/types/envoy/extensions/filters/http/rbac/v3/RBACPerRoute.js';
import type * as G_Router from '../generated/types/envoy/extensions/filters/http/router/v3/Router.js';
import type * as G_HttpInspector from '../generated/types/envoy/extensions/filters/listener/http_inspector/v3/HttpInspector.js';
import type * as G_OriginalDst from '../generated/types/envoy/extensions/filters/listener/original_dst/v3/OriginalDst.js';
import type * as G_TlsInspector from '../generated/types/envoy/extensions/filters/listener/tls_inspector/v3/TlsInspector.js';
import type * as G_HttpConnectionManager from '../generated/types/envoy/extensions/filters/network/http_connection_manager/v3/HttpConnectionManager.js';
import type * as G_HttpFilter from '../generated/types/envoy/extensions/filters/network/http_connection_manager/v3/HttpFilter.js';
import type * as G_NetworkRBAC from '../generated/types/envoy/extensions/filters/network/rbac/v3/RBAC.js';
import type * as G_TcpProxy from '../generated/types/envoy/extensions/filters/network/tcp_proxy/v3/TcpProxy.js';
import type * as G_LeastRequest from '../generated/types/envoy/extensions/load_balancing_policies/least_request/v3/LeastRequest.js';
import type * as G_RandomLb from '../generated/types/envoy/extensions/load_balancing_policies/random/v3/Random.js';
import type * as G_RingHash from '../generated/types/envoy/extensions/load_balancing_policies/ring_hash/v3/RingHash.js';
import type * as G_RoundRobin from '../generated/types/envoy/extensions/load_balancing_policies/round_robin/v3/RoundRobin.js';
import type * as G_RawBuffer from '../generated/types/envoy/extensions/transport_sockets/raw_buffer/v3/RawBuffer.js';
import type * as G_CommonTlsContext from '../generated/types/envoy/extensions/transport_sockets/tls/v3/CommonTlsContext.js';
import type * as G_DownstreamTlsContext from '../generated/types/envoy/extensions/transport_sockets/tls/v3/DownstreamTlsContext.js';
import type * as G_Secret from '../generated/types/envoy/extensions/transport_sockets/tls/v3/Secret.js';
import type * as G_TlsCertificate from '../generated/types/envoy/extensions/transport_sockets/tls/v3/TlsCertificate.js';
import type * as G_UpstreamTlsContext from '../generated/types/envoy/extensions/transport_sockets/tls/v3/UpstreamTlsContext.js';
import type * as G_UpstreamHttpProtocolOptions from '../generated/types/envoy/extensions/upstreams/http/v3/HttpProtocolOptions.js';
import type * as G_StreamAccessLogsMessage from '../generated/types/envoy/service/accesslog/v3/StreamAccessLogsMessage.js';
import type * as G_DeltaDiscoveryRequest from '../generated/types/envoy/service/discovery/v3/DeltaDiscoveryRequest.js';
import type * as G_DeltaDiscoveryResponse from '../generated/types/envoy/service/discovery/v3/DeltaDiscoveryResponse.js';
import type * as G_DiscoveryRequest from '../generated/types/envoy/service/discovery/v3/DiscoveryRequest.js';
import type * as G_DiscoveryResponse from '../generated/types/envoy/service/discovery/v3/DiscoveryResponse.js';
import type * as G_DiscoveryResource from '../generated/types/envoy/service/discovery/v3/Resource.js';
import type * as G_ClientConfig from '../generated/types/envoy/service/status/v3/ClientConfig.js';
import type * as G_ClientStatusRequest from '../generated/types/envoy/service/status/v3/ClientStatusRequest.js';
import type * as G_ClientStatusResponse from '../generated/types/envoy/service/status/v3/ClientStatusResponse.js';
import type * as G_RegexMatcher from '../generated/types/envoy/type/matcher/v3/RegexMatcher.js';
import type * as G_StringMatcher from '../generated/types/envoy/type/matcher/v3/StringMatcher.js';
import type * as G_FractionalPercent from '../generated/types/envoy/type/v3/FractionalPercent.js';
import type * as G_Percent from '../generated/types/envoy/type/v3/Percent.js';
import type * as G_ProtoAny from '../generated/types/google/protobuf/Any.js';
import type * as G_BoolValue from '../generated/types/google/protobuf/BoolValue.js';
import type * as G_DoubleValue from '../generated/types/google/protobuf/DoubleValue.js';
import type * as G_Duration from '../generated/types/google/protobuf/Duration.js';
import type * as G_Empty from '../generated/types/google/protobuf/Empty.js';
import type * as G_ListValue from '../generated/types/google/protobuf/ListValue.js';
import type * as G_StringValue from '../generated/types/google/protobuf/StringValue.js';
import type * as G_Struct from '../generated/types/google/protobuf/Struct.js';
import type * as G_Timestamp from '../generated/types/google/protobuf/Timestamp.js';
import type * as G_UInt32Value from '../generated/types/google/protobuf/UInt32Value.js';
import type * as G_UInt64Value from '../generated/types/google/protobuf/UInt64Value.js';
import type * as G_ProtoValue from '../generated/types/google/protobuf/Value.js';

export type BootstrapConfigDump = G_BootstrapConfigDump.BootstrapConfigDump;
export type AdminClusters = G_AdminClusters.Clusters;
export type ClustersConfigDump = G_ClustersConfigDump.ClustersConfigDump;
export type ConfigDump = G_ConfigDump.ConfigDump;
export type EndpointsConfigDump = G_EndpointsConfigDump.EndpointsConfigDump;
export type AdminListeners = G_AdminListeners.Listeners;
export type ListenersConfigDump = G_ListenersConfigDump.ListenersConfigDump;
export type RoutesConfigDump = G_RoutesConfigDump.RoutesConfigDump;
export type ScopedRoutesConfigDump = G_ScopedRoutesConfigDump.ScopedRoutesConfigDump;
export type SecretsConfigDump = G_SecretsConfigDump.SecretsConfigDump;
export type ServerInfo = G_ServerInfo.ServerInfo;
export type AccessLog = G_AccessLog.AccessLog;
export type Bootstrap = G_Bootstrap.Bootstrap;
export type Cluster = G_Cluster.Cluster;
export type Address = G_Address.Address;
export type ConfigSource = G_ConfigSource.ConfigSource;
export type DataSource = G_DataSource.DataSource;
export type Locality = G_Locality.Locality;
export type Metadata = G_Metadata.Metadata;
export type Node = G_Node.Node;
export type SocketAddress = G_SocketAddress.SocketAddress;
export type TransportSocket = G_TransportSocket.TransportSocket;
export type ClusterLoadAssignment = G_ClusterLoadAssignment.ClusterLoadAssignment;
export type Endpoint = G_Endpoint.Endpoint;
export type LbEndpoint = G_LbEndpoint.LbEndpoint;
export type LocalityLbEndpoints = G_LocalityLbEndpoints.LocalityLbEndpoints;
export type NetworkFilter = G_NetworkFilter.Filter;
export type FilterChain = G_FilterChain.FilterChain;
export type FilterChainMatch = G_FilterChainMatch.FilterChainMatch;
export type Listener = G_Listener.Listener;
export type ListenerFilter = G_ListenerFilter.ListenerFilter;
export type RBACPolicy = G_RBACPolicy.Policy;
export type RBACPolicies = G_RBACPolicies.RBAC;
export type HeaderMatcher = G_HeaderMatcher.HeaderMatcher;
export type RetryPolicy = G_RetryPolicy.RetryPolicy;
export type Route = G_Route.Route;
export type RouteAction = G_RouteAction.RouteAction;
export type RouteConfiguration = G_RouteConfiguration.RouteConfiguration;
export type RouteMatch = G_RouteMatch.RouteMatch;
export type VirtualHost = G_VirtualHost.VirtualHost;
export type WeightedCluster = G_WeightedCluster.WeightedCluster;
export type AccessLogCommon = G_AccessLogCommon.AccessLogCommon;
export type HTTPAccessLogEntry = G_HTTPAccessLogEntry.HTTPAccessLogEntry;
export type TCPAccessLogEntry = G_TCPAccessLogEntry.TCPAccessLogEntry;
export type FileAccessLog = G_FileAccessLog.FileAccessLog;
export type HttpGrpcAccessLogConfig = G_HttpGrpcAccessLogConfig.HttpGrpcAccessLogConfig;
export type TcpGrpcAccessLogConfig = G_TcpGrpcAccessLogConfig.TcpGrpcAccessLogConfig;
export type Cors = G_Cors.Cors;
export type CorsPolicy = G_CorsPolicy.CorsPolicy;
export type HTTPFault = G_HTTPFault.HTTPFault;
export type HttpBuffer = G_HttpBuffer.Buffer;
export type HttpBufferPerRoute = G_HttpBufferPerRoute.BufferPerRoute;
export type GrpcStatsFilterConfig = G_GrpcStatsFilterConfig.FilterConfig;
export type RBAC = G_RBAC.RBAC;
export type RBACPerRoute = G_RBACPerRoute.RBACPerRoute;
export type Router = G_Router.Router;
export type HttpInspector = G_HttpInspector.HttpInspector;
export type OriginalDst = G_OriginalDst.OriginalDst;
export type TlsInspector = G_TlsInspector.TlsInspector;
export type HttpConnectionManager = G_HttpConnectionManager.HttpConnectionManager;
export type HttpFilter = G_HttpFilter.HttpFilter;
export type NetworkRBAC = G_NetworkRBAC.RBAC;
export type TcpProxy = G_TcpProxy.TcpProxy;
export type LeastRequest = G_LeastRequest.LeastRequest;
export type RandomLb = G_RandomLb.Random;
export type RingHash = G_RingHash.RingHash;
export type RoundRobin = G_RoundRobin.RoundRobin;
export type RawBuffer = G_RawBuffer.RawBuffer;
export type CommonTlsContext = G_CommonTlsContext.CommonTlsContext;
export type DownstreamTlsContext = G_DownstreamTlsContext.DownstreamTlsContext;
export type Secret = G_Secret.Secret;
export type TlsCertificate = G_TlsCertificate.TlsCertificate;
export type UpstreamTlsContext = G_UpstreamTlsContext.UpstreamTlsContext;
export type UpstreamHttpProtocolOptions = G_UpstreamHttpProtocolOptions.HttpProtocolOptions;
export type StreamAccessLogsMessage = G_StreamAccessLogsMessage.StreamAccessLogsMessage;
export type DeltaDiscoveryRequest = G_DeltaDiscoveryRequest.DeltaDiscoveryRequest;
export type DeltaDiscoveryResponse = G_DeltaDiscoveryResponse.DeltaDiscoveryResponse;
export type DiscoveryRequest = G_DiscoveryRequest.DiscoveryRequest;
export type DiscoveryResponse = G_DiscoveryResponse.DiscoveryResponse;
export type DiscoveryResource = G_DiscoveryResource.Resource;
export type ClientConfig = G_ClientConfig.ClientConfig;
export type ClientStatusRequest = G_ClientStatusRequest.ClientStatusRequest;
export type ClientStatusResponse = G_ClientStatusResponse.ClientStatusResponse;
export type RegexMatcher = G_RegexMatcher.RegexMatcher;
export type StringMatcher = G_StringMatcher.StringMatcher;
export type FractionalPercent = G_FractionalPercent.FractionalPercent;
export type Percent = G_Percent.Percent;
export type ProtoAny = G_ProtoAny.Any;
export type BoolValue = G_BoolValue.BoolValue;
export type DoubleValue = G_DoubleValue.DoubleValue;
export type Duration = G_Duration.Duration;
export type Empty = G_Empty.Empty;
export type ListValue = G_ListValue.ListValue;
export type StringValue = G_StringValue.StringValue;
export type Struct = G_Struct.Struct;
export type Timestamp = G_Timestamp.Timestamp;
export type UInt32Value = G_UInt32Value.UInt32Value;
export type UInt64Value = G_UInt64Value.UInt64Value;
export type ProtoValue = G_ProtoValue.Value;

/** Input and decoded (output) forms of the messages the codec knows by name. */
export interface XdsMessages {
  'envoy.admin.v3.BootstrapConfigDump': {
    input: G_BootstrapConfigDump.BootstrapConfigDump;
    output: G_BootstrapConfigDump.BootstrapConfigDump__Output;
  };
  'envoy.admin.v3.Clusters': { input: G_AdminClusters.Clusters; output: G_AdminClusters.Clusters__Output };
  'envoy.admin.v3.ClustersConfigDump': {
    input: G_ClustersConfigDump.ClustersConfigDump;
    output: G_ClustersConfigDump.ClustersConfigDump__Output;
  };
  'envoy.admin.v3.ConfigDump': { input: G_ConfigDump.ConfigDump; output: G_ConfigDump.ConfigDump__Output };
  'envoy.admin.v3.EndpointsConfigDump': {
    input: G_EndpointsConfigDump.EndpointsConfigDump;
    output: G_EndpointsConfigDump.EndpointsConfigDump__Output;
  };
  'envoy.admin.v3.Listeners': {
    input: G_AdminListeners.Listeners;
    output: G_AdminListeners.Listeners__Output;
  };
  'envoy.admin.v3.ListenersConfigDump': {
    input: G_ListenersConfigDump.ListenersConfigDump;
    output: G_ListenersConfigDump.ListenersConfigDump__Output;
  };
  'envoy.admin.v3.RoutesConfigDump': {
    input: G_RoutesConfigDump.RoutesConfigDump;
    output: G_RoutesConfigDump.RoutesConfigDump__Output;
  };
  'envoy.admin.v3.SecretsConfigDump': {
    input: G_SecretsConfigDump.SecretsConfigDump;
    output: G_SecretsConfigDump.SecretsConfigDump__Output;
  };
  'envoy.admin.v3.ServerInfo': { input: G_ServerInfo.ServerInfo; output: G_ServerInfo.ServerInfo__Output };
  'envoy.config.bootstrap.v3.Bootstrap': {
    input: G_Bootstrap.Bootstrap;
    output: G_Bootstrap.Bootstrap__Output;
  };
  'envoy.config.cluster.v3.Cluster': { input: G_Cluster.Cluster; output: G_Cluster.Cluster__Output };
  'envoy.config.listener.v3.Listener': { input: G_Listener.Listener; output: G_Listener.Listener__Output };
  'envoy.config.rbac.v3.RBAC': { input: G_RBACPolicies.RBAC; output: G_RBACPolicies.RBAC__Output };
  'envoy.config.route.v3.RouteConfiguration': {
    input: G_RouteConfiguration.RouteConfiguration;
    output: G_RouteConfiguration.RouteConfiguration__Output;
  };
  'envoy.config.route.v3.VirtualHost': {
    input: G_VirtualHost.VirtualHost;
    output: G_VirtualHost.VirtualHost__Output;
  };
  'envoy.data.accesslog.v3.TCPAccessLogEntry': {
    input: G_TCPAccessLogEntry.TCPAccessLogEntry;
    output: G_TCPAccessLogEntry.TCPAccessLogEntry__Output;
  };
  'envoy.extensions.filters.http.cors.v3.Cors': { input: G_Cors.Cors; output: G_Cors.Cors__Output };
  'envoy.extensions.filters.http.cors.v3.CorsPolicy': {
    input: G_CorsPolicy.CorsPolicy;
    output: G_CorsPolicy.CorsPolicy__Output;
  };
  'envoy.extensions.filters.http.fault.v3.HTTPFault': {
    input: G_HTTPFault.HTTPFault;
    output: G_HTTPFault.HTTPFault__Output;
  };
  'envoy.extensions.filters.http.buffer.v3.Buffer': {
    input: G_HttpBuffer.Buffer;
    output: G_HttpBuffer.Buffer__Output;
  };
  'envoy.extensions.filters.http.buffer.v3.BufferPerRoute': {
    input: G_HttpBufferPerRoute.BufferPerRoute;
    output: G_HttpBufferPerRoute.BufferPerRoute__Output;
  };
  'envoy.extensions.filters.http.rbac.v3.RBAC': { input: G_RBAC.RBAC; output: G_RBAC.RBAC__Output };
  'envoy.extensions.filters.http.rbac.v3.RBACPerRoute': {
    input: G_RBACPerRoute.RBACPerRoute;
    output: G_RBACPerRoute.RBACPerRoute__Output;
  };
  'envoy.extensions.filters.http.router.v3.Router': {
    input: G_Router.Router;
    output: G_Router.Router__Output;
  };
  'envoy.extensions.filters.network.rbac.v3.RBAC': {
    input: G_NetworkRBAC.RBAC;
    output: G_NetworkRBAC.RBAC__Output;
  };
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy': {
    input: G_TcpProxy.TcpProxy;
    output: G_TcpProxy.TcpProxy__Output;
  };
  'envoy.extensions.load_balancing_policies.random.v3.Random': {
    input: G_RandomLb.Random;
    output: G_RandomLb.Random__Output;
  };
  'envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer': {
    input: G_RawBuffer.RawBuffer;
    output: G_RawBuffer.RawBuffer__Output;
  };
  'envoy.extensions.transport_sockets.tls.v3.Secret': {
    input: G_Secret.Secret;
    output: G_Secret.Secret__Output;
  };
  'envoy.service.discovery.v3.DiscoveryRequest': {
    input: G_DiscoveryRequest.DiscoveryRequest;
    output: G_DiscoveryRequest.DiscoveryRequest__Output;
  };
  'envoy.service.discovery.v3.Resource': {
    input: G_DiscoveryResource.Resource;
    output: G_DiscoveryResource.Resource__Output;
  };
  'google.protobuf.Any': { input: G_ProtoAny.Any; output: G_ProtoAny.Any__Output };
  'google.protobuf.BoolValue': { input: G_BoolValue.BoolValue; output: G_BoolValue.BoolValue__Output };
  'google.protobuf.DoubleValue': {
    input: G_DoubleValue.DoubleValue;
    output: G_DoubleValue.DoubleValue__Output;
  };
  'google.protobuf.Duration': { input: G_Duration.Duration; output: G_Duration.Duration__Output };
  'google.protobuf.Empty': { input: G_Empty.Empty; output: G_Empty.Empty__Output };
  'google.protobuf.ListValue': { input: G_ListValue.ListValue; output: G_ListValue.ListValue__Output };
  'google.protobuf.StringValue': {
    input: G_StringValue.StringValue;
    output: G_StringValue.StringValue__Output;
  };
  'google.protobuf.Struct': { input: G_Struct.Struct; output: G_Struct.Struct__Output };
  'google.protobuf.Timestamp': { input: G_Timestamp.Timestamp; output: G_Timestamp.Timestamp__Output };
  'google.protobuf.UInt32Value': {
    input: G_UInt32Value.UInt32Value;
    output: G_UInt32Value.UInt32Value__Output;
  };
  'google.protobuf.UInt64Value': {
    input: G_UInt64Value.UInt64Value;
    output: G_UInt64Value.UInt64Value__Output;
  };
  'google.protobuf.Value': { input: G_ProtoValue.Value; output: G_ProtoValue.Value__Output };
}

/** Full proto name of a message in {@link XdsMessages}. */
export type XdsTypeName = keyof XdsMessages;
/** What you write for a message of this name (the generated permissive input type). */
export type XdsInput<K extends XdsTypeName> = XdsMessages[K]['input'];
/** What `decode` and `fromProto3Json` return for a message of this name (the generated __Output type). */
export type XdsOutput<K extends XdsTypeName> = XdsMessages[K]['output'];
/** The type URL of a message in {@link XdsMessages}. */
export type XdsTypeUrl = `type.googleapis.com/${XdsTypeName}`;
