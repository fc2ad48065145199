// Preload with NODE_OPTIONS="--require <this file>": every way Node reaches the network throws,
// so a test can show a command works with the network off. Loopback is refused too.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload is CommonJS */
const dns = require('node:dns');
const { syncBuiltinESMExports } = require('node:module');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');

function refuse(what) {
  return function refused() {
    const error = new Error(`no-network: ${what} was called, but the network is off for this process`);
    error.code = 'ENETOFF';
    throw error;
  };
}

net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('net.Socket.connect');
tls.connect = refuse('tls.connect');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
dns.lookup = dns.resolve = refuse('dns.lookup');
dns.promises.lookup = dns.promises.resolve = refuse('dns.promises.lookup');
globalThis.fetch = refuse('fetch');
// ES modules that import named exports (`import { request } from 'node:http'`) see the patches too.
syncBuiltinESMExports();
