// Generates tests/data/url-setters/setters-oracle.json: URL API setter cases with the results of
// the URL Standard's reference implementation (npm whatwg-url). EchoNet's own script; run it with
// tools/url-setters/Update-UrlSettersData.ps1, which installs whatwg-url in a temporary folder.
// Every URL of WPT's urltestdata.json that parses gets each settable attribute set to two values
// drawn (with a fixed seed, so the output is the same on every run) from a pool of values aimed
// at the setters' steps; the case records whether the setter threw and the resulting href.
'use strict';
const fs = require('fs');
const path = require('path');
const { URL } = require(process.argv[2] ? path.join(process.argv[2], 'node_modules', 'whatwg-url') : 'whatwg-url');

const repo = path.join(__dirname, '..', '..');
const wpt = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'data', 'wpt', 'urltestdata.json'), 'utf8'));
const hrefs = [...new Set(wpt.filter(c => typeof c === 'object' && !c.failure && c.href).map(c => c.href))];
const attributes = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
const values = [
  '', 'x', 'http', 'https:', 'file', 'sc', 'ws:', 'a:b', '  x  ', '\t\n', '@', ':', ':8080', 'h:80', 'h:0',
  'h:65536', '[::1]', '[::1]:9', 'xn--', 'ex%41mple', '1.2.3', '0x7f.1', '\u00DC', '%', '%zz', '/a/../b', '..',
  './.', '\\a\\b', 'C|', 'C:/x', '//x', '?q', '#f', 'a#b?c', 'a b', 'localhost', '\u0000', '\uD800', 'a\u00ADb',
  'http://x/', 'https://a@b:1/c?d#e', '99999999999', '8080abc', 'user:pw', 'a@b',
];
let seed = 12345;
const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);

const cases = [];
for (const href of hrefs) {
  for (const attribute of attributes) {
    for (let k = 0; k < 2; k++) {
      const value = values[next() % values.length];
      const url = new URL(href);
      let threw = false;
      try { url[attribute] = value; } catch (e) { threw = true; }
      cases.push({ href, attribute, value, threw, result: url.href });
    }
  }
}
// ASCII only: every non-ASCII UTF-16 unit as \uXXXX, so lone surrogates survive any reader.
const json = JSON.stringify({ generator: 'tools/url-setters/generate.js', count: cases.length, cases }, null, 0)
  .replace(/[\u007f-\uffff]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
  .replace(/\},\{/g, '},\n{');
fs.writeFileSync(path.join(repo, 'tests', 'data', 'url-setters', 'setters-oracle.json'), json + '\n');
console.log(`${cases.length} cases`);
