// The cytoscape stylesheet of the service graph. Node border and edge colour come from data(color) (Kiali's
// health colours); edge width from data(width) (grows with the log of rps). Labels are plain system fonts.
import type { StylesheetJson } from 'cytoscape';

export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': 'system-ui, sans-serif',
      'font-size': 11,
      color: '#151515',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      width: 30,
      height: 30,
      'background-color': '#ffffff',
      'border-width': 3,
      'border-color': 'data(color)',
      shape: 'ellipse',
    },
  },
  { selector: 'node[kind = "gateway"]', style: { shape: 'round-diamond', width: 36, height: 36 } },
  { selector: 'node[kind = "unknown"]', style: { shape: 'round-rectangle', 'background-color': '#f0f0f0' } },
  { selector: 'node[kind = "external"]', style: { shape: 'round-pentagon', 'background-color': '#f5f5ff' } },
  {
    selector: 'node.app',
    style: {
      shape: 'round-rectangle',
      'background-color': '#f5f7fa',
      'background-opacity': 1,
      'border-width': 1,
      'border-color': '#8a8d90',
      'border-style': 'dashed',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -4,
      'font-weight': 'bold',
      padding: '14px',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': 'system-ui, sans-serif',
      'font-size': 10,
      'min-zoomed-font-size': 6,
      color: '#151515',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      'text-rotation': 'autorotate',
    },
  },
  { selector: 'edge.flow', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 4] } },
  { selector: 'edge.quiet', style: { 'line-style': 'dotted', label: '' } },
  {
    selector: ':selected',
    style: { 'overlay-color': '#0066cc', 'overlay-opacity': 0.18, 'overlay-padding': 6 },
  },
];
