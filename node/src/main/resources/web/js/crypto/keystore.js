// Keys kept in this browser's IndexedDB. The private key is stored as the CryptoKey object
// itself (structured clone), so it stays non-extractable at rest as in memory.

const DB = 'govledger';
const STORE = 'keys';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`cannot open the key store: ${req.error}`));
  });
}

async function run(mode, act) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(new Error(`key store: ${tx.error}`));
    });
  } finally {
    db.close();
  }
}

/** Keeps a key under a role ("staff" or "wallet"). */
export function saveKey(key, role) {
  return run('readwrite', (s) => s.put({ ...key, role, saved: new Date().toISOString() }));
}

export function listKeys(role) {
  return run('readonly', (s) => s.getAll()).then((all) => all.filter((k) => !role || k.role === role));
}

export function deleteKey(id) {
  return run('readwrite', (s) => s.delete(id));
}
