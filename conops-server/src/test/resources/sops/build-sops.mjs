// Builds a SOPS envelope per the published format (sops 3.x, age key group), for test fixtures.
// The data key goes through the real `age` CLI; values are AES-256-GCM with a 32-byte IV and the
// path as additional data; the MAC is SHA-512 over the plaintext values, encrypted with the
// lastmodified date as additional data.
//   node build-sops.mjs FORMAT(dotenv|yaml|json) PLAIN.json RECIPIENT OUT
import { execFileSync } from "node:child_process";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import YAML from "yaml";

const [format, plainFile, recipient, out] = process.argv.slice(2);
const plain = JSON.parse(readFileSync(plainFile, "utf8"));
const floats = new Set(plain.__floats__ || []);
delete plain.__floats__;
const dataKey = randomBytes(32);
const suffix = "_unencrypted";
const lastmodified = "2026-11-29T12:00:00Z";
const mac = createHash("sha512");

function typeOf(value, key) {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return floats.has(key) || !Number.isInteger(value) ? "float" : "int";
  return "str";
}
function macText(value, type) {
  if (type === "bool") return value ? "True" : "False";
  return String(value);
}
function enc(text, aad, type) {
  const iv = randomBytes(32);
  const c = createCipheriv("aes-256-gcm", dataKey, iv);
  c.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([c.update(Buffer.from(text, "utf8")), c.final()]);
  return `ENC[AES256_GCM,data:${data.toString("base64")},iv:${iv.toString("base64")},tag:${c.getAuthTag().toString("base64")},type:${type}]`;
}
function walk(node, path) {
  if (Array.isArray(node)) return node.map((v) => walk(v, path));
  if (node !== null && typeof node === "object") {
    const o = {};
    for (const [k, v] of Object.entries(node)) o[k] = walk(v, [...path, k]);
    return o;
  }
  const key = path[path.length - 1];
  const type = typeOf(node, key);
  mac.update(Buffer.from(macText(node, type), "utf8"));
  if (path.some((p) => p.endsWith(suffix))) return node;
  if (node === "") return "";
  return enc(type === "bool" ? String(node) : String(node), path.join(":") + ":", type);
}
const tree = walk(plain, []);
const encKey = execFileSync("age", ["-a", "-r", recipient], { input: dataKey }).toString();
const macValue = enc(mac.digest("hex").toUpperCase(), lastmodified, "str");
const sops = {
  age: [{ recipient, enc: encKey }],
  lastmodified,
  mac: macValue,
  unencrypted_suffix: suffix,
  version: "3.9.1",
};
let text;
if (format === "json") {
  text = JSON.stringify({ ...tree, sops }, null, 4) + "\n";
} else if (format === "yaml") {
  text = YAML.stringify({ ...tree, sops });
} else {
  const lines = Object.entries(tree).map(([k, v]) => `${k}=${String(v).replaceAll("\n", "\\n")}`);
  lines.push(`sops_age__list_0__map_enc=${encKey.replaceAll("\n", "\\n")}`);
  lines.push(`sops_age__list_0__map_recipient=${recipient}`);
  lines.push(`sops_lastmodified=${lastmodified}`);
  lines.push(`sops_mac=${macValue}`);
  lines.push(`sops_unencrypted_suffix=${suffix}`);
  lines.push(`sops_version=3.9.1`);
  text = lines.join("\n") + "\n";
}
writeFileSync(out, text);
