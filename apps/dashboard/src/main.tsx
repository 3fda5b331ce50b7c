// Mounts the dashboard: one store fed by one websocket, rendered by the shell.
import { render } from 'preact';
import { App } from './app.js';
import { Store } from './state.js';
import './styles.css';
import { defaultSocketUrl, WsClient } from './ws-client.js';

const store = new Store();
const client = new WsClient(defaultSocketUrl(), {
  onMessage: (msg) => store.push(msg),
  onStatus: (connected, error) => store.set({ connected, error }),
});

const root = document.getElementById('app');
if (root) render(<App store={store} client={client} />, root);
