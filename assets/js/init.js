// Starts every GOV.UK Frontend component on the page. Copied beside govuk-frontend.min.js by
// assets/build.mjs, so the relative import resolves in development and behind WhiteNoise alike.
import { initAll } from "./govuk-frontend.min.js";

initAll();
