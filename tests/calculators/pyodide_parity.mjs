// Runs the calculators under real Pyodide in Node and prints the results as JSON.
//
//   node tests/calculators/pyodide_parity.mjs [cases.json]
//
// cases.json is a JSON array of command lines (each an array of arguments for
// `python -m calculators`); without it, `list` and every declared example are run.
// Output: a JSON array of {"argv", "status", "stdout"}, one per case, in order.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const pyodideDir = path.join(repo, "node_modules", "pyodide");
const entry = path.join(pyodideDir, "pyodide.mjs");

if (!existsSync(entry)) {
  console.error(`Нет ${entry}: выполните \`npm ci\` в корне репозитория.`);
  process.exit(3);
}

const { loadPyodide } = await import(pathToFileURL(entry).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });

// The package is copied as it is: no wheel, no install step, exactly the committed files.
const target = "/home/pyodide/calculators";
pyodide.FS.mkdirTree(target);
const source = path.join(repo, "calculators");
for (const name of readdirSync(source).sort()) {
  if (name.endsWith(".py")) {
    pyodide.FS.writeFile(`${target}/${name}`, readFileSync(path.join(source, name), "utf8"));
  }
}

pyodide.globals.set("cases_json", process.argv[2] ? readFileSync(process.argv[2], "utf8") : "");
const output = pyodide.runPython(`
import io
import json
import sys

sys.path.insert(0, "/home/pyodide")

from calculators.cli import execute
from calculators.registry import CALCULATORS

if cases_json:
    cases = json.loads(cases_json)
else:
    cases = [["list"]] + [
        ["run", calculator.id, "--input", json.dumps(example.inputs, ensure_ascii=False)]
        for calculator in CALCULATORS.values()
        for example in calculator.examples
    ]
results = []
for argv in cases:
    status, text = execute(argv, stdin=io.StringIO(""))
    results.append({"argv": argv, "status": status, "stdout": text})
json.dumps({"python": sys.version, "results": results}, ensure_ascii=False)
`);
process.stdout.write(output + "\n");
