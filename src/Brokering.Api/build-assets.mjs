// Copies the front-end packages the pages use from node_modules into wwwroot, served locally.
// GOV.UK's own typeface (GDS Transport) is licensed only for services on GOV.UK, so the
// stylesheet is rewritten to use the fallback the design system names for everyone else: Arial.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const govuk = "node_modules/govuk-frontend/dist/govuk";
const out = "wwwroot/lib";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/govuk`, { recursive: true });

const css = readFileSync(`${govuk}/govuk-frontend.min.css`, "utf8")
  .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, "")
  .replaceAll("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
  .replaceAll("font-family:GDS Transport", "font-family:arial,sans-serif")
  .replaceAll("url(/assets/", "url(/lib/govuk/assets/");
writeFileSync(`${out}/govuk/govuk-frontend.min.css`, css);
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
cpSync(`${govuk}/assets/images`, `${out}/govuk/assets/images`, { recursive: true });
cpSync("node_modules/leaflet/dist/leaflet.js", `${out}/leaflet/leaflet.js`);
cpSync("node_modules/leaflet/dist/leaflet.css", `${out}/leaflet/leaflet.css`);
cpSync("node_modules/leaflet/dist/images", `${out}/leaflet/images`, { recursive: true });
writeFileSync(`${out}/.built`, new Date().toISOString());
console.log("build-assets: GOV.UK Frontend and Leaflet copied to wwwroot/lib");
