import http from 'node:http';
import https from 'node:https';
import type { Fetcher } from '@apollo/utils.fetcher';
import fetch from 'node-fetch';

// Kept-alive connections to the subgraphs; Node closes an idle one before the timeout the subgraph announces.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * How the gateway calls its subgraphs: node-fetch on kept-alive agents, instead of Apollo's default make-fetch-happen,
 * whose cache, retry and agent layers cost about 0.3 ms of CPU per subgraph call that the gateway never uses (16% of
 * the gateway's CPU in the organisations bench; node-fetch took a quarter of that on the same calls).
 */
export const subgraphFetcher: Fetcher = (url, init) => fetch(url, { ...init, agent: (target) => (target.protocol === 'https:' ? agents.https : agents.http) });
