// The review queue's upload, file by file: each file is its own request, with a progress bar,
// and the results are listed as the plain form's page lists them. Without this script the form
// posts every file at once and the server answers with the same list.
const form = document.querySelector("form[data-letter-upload]");

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function failed(file, reason) {
  return [{ file: file.name, result: "rejected", label: "Not uploaded", reason, url: "" }];
}

function send(file, token, bar, status) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("X-CSRFToken", token);
    request.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.round((100 * event.loaded) / event.total);
      bar.value = percent;
      status.textContent = `uploading, ${percent}%`;
    });
    request.upload.addEventListener("load", () => {
      bar.value = 100;
      status.textContent = "uploaded, being read";
    });
    request.addEventListener("load", () => {
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (body && body.results) resolve(body.results);
      else if (body && body.errors) resolve(failed(file, body.errors.join("; ")));
      else if (request.status === 403) resolve(failed(file, "you may not import letters"));
      else resolve(failed(file, `the server answered ${request.status}: try again`));
    });
    request.addEventListener("error", () => resolve(failed(file, "the connection failed: try again")));
    const data = new FormData();
    data.append("letters", file);
    request.send(data);
  });
}

function resultsTable(results) {
  const table = element("table", "govuk-table");
  table.id = "upload-results";
  const caption = element("caption", "govuk-table__caption govuk-visually-hidden", "Result of each uploaded file");
  const head = element("thead", "govuk-table__head");
  const headRow = element("tr", "govuk-table__row");
  for (const name of ["File", "Result", "Why"]) {
    const th = element("th", "govuk-table__header", name);
    th.scope = "col";
    headRow.append(th);
  }
  head.append(headRow);
  const body = element("tbody", "govuk-table__body");
  for (const result of results) {
    const row = element("tr", "govuk-table__row");
    const file = element("th", "govuk-table__header");
    file.scope = "row";
    if (result.url) {
      const link = element("a", "govuk-link", result.file);
      link.href = result.url;
      file.append(link);
    } else {
      file.textContent = result.file;
    }
    row.append(file, element("td", "govuk-table__cell", result.label), element("td", "govuk-table__cell", result.reason));
    body.append(row);
  }
  table.append(caption, head, body);
  return table;
}

async function uploadAll(files) {
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const panel = document.getElementById("upload-progress");
  const list = document.getElementById("upload-progress-list");
  list.replaceChildren();
  panel.hidden = false;
  form.querySelector("button").disabled = true;
  const rows = files.map((file, index) => {
    const item = element("li");
    const label = element("span", "", `${file.name}: `);
    label.id = `upload-progress-${index}`;
    const status = element("span", "", "waiting");
    label.append(status);
    const bar = element("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-labelledby", label.id);
    item.append(label, element("br"), bar);
    list.append(item);
    return { file, bar, status };
  });
  const results = [];
  for (const { file, bar, status } of rows) {
    const answer = await send(file, token, bar, status);
    status.textContent = answer.map((r) => r.label.toLowerCase()).join(", ");
    results.push(...answer);
  }
  const heading = element("h2", "govuk-heading-m", "What happened to each file");
  heading.id = "upload-results-heading";
  heading.tabIndex = -1;
  const again = element("p", "govuk-body");
  again.id = "upload-again";
  const link = element("a", "govuk-link", "See the queue with these files");
  link.href = window.location.pathname;
  again.append(link);
  document.getElementById("upload-results-heading")?.remove();
  document.getElementById("upload-results")?.remove();
  document.getElementById("upload-again")?.remove();
  form.before(heading, resultsTable(results), again);
  form.reset();
  form.querySelector("button").disabled = false;
  heading.focus();
}

if (form) {
  form.addEventListener("submit", (event) => {
    const files = Array.from(form.querySelector("input[type=file]").files);
    if (files.length === 0) return; // the server answers with its error message
    event.preventDefault();
    uploadAll(files);
  });
}
