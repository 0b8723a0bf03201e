// The @polkadot packages of the e2e tests (e2e/node_modules, pinned by e2e/package-lock.json),
// imported by path so the bench installs nothing of its own. The e2e helpers it reuses resolve
// the same files, so there is one copy of each package in the process.
export { ApiPromise, WsProvider } from '../../e2e/node_modules/@polkadot/api/index.js';
export { Keyring } from '../../e2e/node_modules/@polkadot/keyring/index.js';
export { blake2AsHex, cryptoWaitReady, randomAsHex, randomAsU8a } from '../../e2e/node_modules/@polkadot/util-crypto/index.js';
export { stringToU8a, u8aConcat, u8aToHex } from '../../e2e/node_modules/@polkadot/util/index.js';
