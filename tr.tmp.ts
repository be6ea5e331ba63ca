import ts from 'typescript';
import fs from 'fs';
import { coroutineTransformer } from './src/adapter/coroutines';
const file = process.argv[2]!;
const r = ts.transpileModule(fs.readFileSync(file,'utf8'), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, transformers: { before: [coroutineTransformer(ts)] } });
console.log(r.outputText);
