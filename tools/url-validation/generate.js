// Generates the expected named validation errors (and href) for EchoNet's URL parser tests from
// the URL Standard's reference implementation, whatwg-url. Run by Update-UrlValidationData.ps1,
// which installs the pinned whatwg-url version into a temporary folder first:
//   node generate.js <folder holding node_modules> <urltestdata.json> <output.json>
// The cases are every WPT urltestdata.json input (with its base) plus deterministic mutations of
// them: characters that the Standard names errors for, inserted at chosen places, and rewrites of
// slashes, schemes, hosts and ports. A fixed seed makes the output the same on every run.
"use strict";
const path = require("path");
const fs = require("fs");

const [modules, wptPath, outPath] = process.argv.slice(2);
const whatwgUrl = require(path.join(modules, "whatwg-url"));
const version = require(path.join(modules, "whatwg-url", "package.json")).version;

// A small deterministic PRNG (mulberry32), so the mutation set is reproducible.
let seed = 0x5eed1e55;
function random() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = list => list[Math.floor(random() * list.length)];

const wpt = JSON.parse(fs.readFileSync(wptPath, "utf8")).filter(c => typeof c !== "string");

// Pieces that trigger (or nearly trigger) each named validation error.
const insertions = [
  "\\", " ", "\t", "\n", "%", "%z", "%4", "%41", "@", ":", "[", "]", "|", "^", "{", "`", "<", "\"",
  "\u0000", "\u001f", "\u007f", "\u0080", "\u00a0", "\ufdd0", "\uffff", "\ud800", "\udc00", "\ud83d\ude00",
  "\u00e9", "#", "?", "/", "//", ".", "..", "/../", "/./", "%2e", "\u0301", "\u200d", "xn--", "-", "_", "~"
];
const hosts = [
  "example.com", "EXAMPLE.com", "ex_ample.com", "a..b", "example.com.", "-a.b", "a-.b", "ab--c.d", "xn--nxasmq6b",
  "xn--a", "\u00e9xample.com", "\u0661.\u0662", "%41.com", "%zz", "a%2eb", "0x7f.1", "0x7F.0.0.1", "010.0.0.1",
  "1.2.3.4.", "1.2.3.4.5", "1.2.3.256", "1.2.300", "4294967296", "0x", "1..2", "09.1", "\uff11\uff12\uff17.0.0.1",
  "[::1]", "[::1", "[0:0::01]", "[1:2:3:4:5:6:7:8:9]", "[::1::]", "[:1]", "[1:]", "[::1.2.3.4]", "[::1.2.3]",
  "[::1.2.3.256]", "[1:2:3:4:5:6:7:1.2.3.4]", "[::01.2.3.4]", "[::g]", "[1:2]", "a".repeat(64) + ".com",
  "a<b", "a b", "a\u0000b", "localhost", "C:", "C|", "", "user@host", "u:p@host", "@host", "a@b@c", "h\u00adost"
];
const ports = ["", ":", ":80", ":443", ":0080", ":65535", ":65536", ":8a", ":-1", ": 80"];
const schemes = ["http:", "https:", "ws:", "file:", "ftp:", "foo:", "HTTP:", "mailto:", "data:", "sc:"];

function mutations(input) {
  const out = [];
  const len = input.length;
  const colon = input.indexOf(":");
  const places = [0, len, Math.floor(len / 2), colon + 1, colon + 3, input.indexOf("/", colon + 3), input.indexOf("?"), input.indexOf("#")]
    .filter(p => p >= 0 && p <= len);
  for (let k = 0; k < 3; k++) {
    const at = pick(places);
    out.push(input.slice(0, at) + pick(insertions) + input.slice(at));
  }
  out.push(input.replace(/\//g, "\\"));
  out.push(input.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/*/, m => pick(schemes) + pick(["", "/", "//", "///", "\\\\", "/\\"])));
  return out;
}

function generated() {
  const out = [];
  for (let k = 0; k < 1200; k++) {
    const host = pick(hosts);
    const url = pick(schemes) + pick(["//", "///", "/", "", "\\\\", "//u:p@", "//@"]) + host + pick(ports) +
      pick(["", "/", "/a/../b", "\\c\\d", "/%2e%2E/x", "/C|/x", "/a b", "/\u00e9", "/%zz"]) +
      pick(["", "?", "?q=1", "?a b|c", "?%", "?{x}"]) + pick(["", "#", "#f", "#a#b", "#\u0000", "# %"]);
    out.push(url);
  }
  return out;
}

const cases = [];
const seen = new Set();
function add(input, base) {
  const key = JSON.stringify([input, base]);
  if (seen.has(key)) return;
  seen.add(key);
  let baseRecord = null;
  if (base !== null) {
    baseRecord = whatwgUrl.parseURL(base);
    if (baseRecord === null) return; // the oracle takes a parsed base; an invalid base has no expectation
  }
  const { url, validationErrors } = whatwgUrl.parseURLWithValidationErrors(input, { baseURL: baseRecord });
  cases.push({ input, base, href: url === null ? null : whatwgUrl.serializeURL(url), errors: validationErrors });
}

const bases = [null, "http://example.org/foo/bar", "file:///C:/dir/file", "sc://host/p", "about:blank", "https://h/?q#f"];
for (const c of wpt) add(c.input, c.base);
for (const c of wpt) for (const m of mutations(c.input)) add(m, c.base);
for (const url of generated()) add(url, pick(bases));
for (const c of wpt) if (random() < 0.3) add(c.input.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:/, ""), pick(bases.slice(1)));

// ASCII-only output: every non-ASCII UTF-16 unit (lone surrogates included) as a \u escape.
const json = JSON.stringify({
  generator: `tools/url-validation/generate.js with whatwg-url ${version} parseURLWithValidationErrors`,
  count: cases.length,
  cases
}, null, 0).replace(/[\u007f-\uffff]/g, ch => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"))
  .replace(/\},\{/g, "},\n{");
fs.writeFileSync(outPath, json + "\n");
console.log(`${cases.length} cases written to ${outPath} (whatwg-url ${version})`);
