// Builds the static assets Django serves (through WhiteNoise) from npm packages:
// our Sass compiled against GOV.UK Frontend, plus its JavaScript and fonts/images.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "areasend", "static", "govuk-frontend");

mkdirSync(out, { recursive: true });
const css = sass.compile(join(root, "assets", "scss", "application.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "application.css"), css.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(govuk, "assets"), join(out, "assets"), { recursive: true });
// Our own scripts are files, never inline, so the content security policy can forbid inline script.
cpSync(join(root, "assets", "js", "js-enabled.js"), join(out, "js-enabled.js"));
cpSync(join(root, "assets", "js", "init.js"), join(out, "init.js"));
cpSync(join(root, "assets", "js", "letter-upload.js"), join(out, "letter-upload.js"));
// axe-core is used only by the browser tests, which inject it from this copy.
const axe = join(root, "node_modules", "axe-core", "axe.min.js");
mkdirSync(join(root, "tests", "e2e", "vendor"), { recursive: true });
cpSync(axe, join(root, "tests", "e2e", "vendor", "axe.min.js"));
console.log("built", out);
