// The few @grpc/proto-loader types the generated files name, declared here so the model has no dependency
// on proto-loader (a generator, not a runtime need). The shapes match proto-loader 0.7.
/** An Any in object form: the type URL under "@type", the message fields beside it. */
export interface AnyExtension {
  '@type': string;
}
/** A method of a generated service definition; the model never calls the (de)serializers. */
export interface MethodDefinition<Req, Res, OutReq = Req, OutRes = Res> {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  requestSerialize: (value: Req) => Buffer;
  responseSerialize: (value: Res) => Buffer;
  requestDeserialize: (bytes: Buffer) => OutReq;
  responseDeserialize: (bytes: Buffer) => OutRes;
  originalName?: string;
}
