// Decrypts a fixture with the independent npm decoder `sops-age` and compares it with the
// plaintext it was built from, so the fixtures are not only consistent with our own decoder.
//   node check-sops.mjs FORMAT(env|yaml|json) ENCRYPTED PLAIN.json IDENTITY_FILE
import { decryptSops } from "sops-age";
import { readFileSync } from "node:fs";

const [fileType, encrypted, plainFile, identityFile] = process.argv.slice(2);
const plain = JSON.parse(readFileSync(plainFile, "utf8"));
delete plain.__floats__;
const secretKey = readFileSync(identityFile, "utf8").split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1"));
const got = await decryptSops(readFileSync(encrypted, "utf8"), { secretKey, fileType });
const want = fileType === "env" ? Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, String(v)])) : plain;
if (JSON.stringify(got) !== JSON.stringify(want)) {
  console.error(`${encrypted}: sops-age decrypted something else:\n${JSON.stringify(got)}\n${JSON.stringify(want)}`);
  process.exit(1);
}
console.log(`${encrypted}: sops-age agrees`);
