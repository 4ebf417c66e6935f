// Loaded (blocking) as the first thing in <body>, so GOV.UK Frontend's styles for scripted
// components apply before first paint. An external file, because our content security policy
// allows no inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
