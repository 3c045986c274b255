// The "Add to Rebound" bookmarklet. Rebound serves it as a javascript: link, with comment
// lines and indentation dropped and the address of its capture page filled in. Run on a job
// posting, it reads what the page itself says (its schema.org data, title and address) and
// opens Rebound's add form with it; Rebound never fetches the posting.
// Comments stay on lines of their own: the served form drops those lines.
(function () {
  "use strict";
  var capture = "__REBOUND_CAPTURE_URL__";
  // Servers refuse request lines much past 4 KB, so the whole address stays below that.
  var limit = 3800;
  // Long free text that the add form does not need.
  var dropped = { description: 1, articleBody: 1, text: 1, qualifications: 1,
    responsibilities: 1, skills: 1, experienceRequirements: 1, educationRequirements: 1,
    jobBenefits: 1, incentiveCompensation: 1, image: 1, logo: 1 };
  // What the add form reads from a posting, when everything else is too long.
  var kept = ["@type", "title", "name", "url", "hiringOrganization", "jobLocation",
    "jobLocationType", "applicantLocationRequirements", "baseSalary"];

  function prune(value, depth) {
    if (depth > 12 || value === null || typeof value !== "object") {
      return typeof value === "string" ? value.slice(0, 500) : value;
    }
    if (Array.isArray(value)) {
      return value.slice(0, 20).map(function (item) { return prune(item, depth + 1); });
    }
    var result = {};
    Object.keys(value).forEach(function (key) {
      if (!dropped[key]) {
        result[key] = prune(value[key], depth + 1);
      }
    });
    return result;
  }

  // "JobPosting", ["JobPosting", …] or "https://schema.org/JobPosting".
  function isPosting(value) {
    return [].concat(value["@type"]).some(function (type) {
      return typeof type === "string" && type.split("/").pop() === "JobPosting";
    });
  }

  function postings(value, depth, found) {
    if (depth > 8 || value === null || typeof value !== "object") {
      return found;
    }
    if (isPosting(value)) {
      found.push(value);
      return found;
    }
    (Array.isArray(value) ? value : Object.keys(value).map(function (key) {
      return value[key];
    })).forEach(function (item) { postings(item, depth + 1, found); });
    return found;
  }

  function essentials(posting) {
    var result = {};
    kept.forEach(function (key) {
      if (posting[key] !== undefined) {
        result[key] = posting[key];
      }
    });
    return result;
  }

  var blocks = [];
  Array.prototype.forEach.call(document.getElementsByTagName("script"), function (script) {
    var type = (script.getAttribute("type") || "").split(";")[0].trim().toLowerCase();
    if (type === "application/ld+json") {
      try {
        blocks.push(prune(JSON.parse(script.textContent), 0));
      } catch (error) {
        // A block the page got wrong is skipped, as Rebound would skip it.
      }
    }
  });

  var href = location.href.length > 1000 ? location.origin + location.pathname : location.href;
  var address = capture + "?url=" + encodeURIComponent(href) +
    "&title=" + encodeURIComponent(document.title.trim().slice(0, 300));
  var found = postings(blocks, 0, []);
  var tries = [blocks, found, found.slice(0, 1).map(essentials)];
  for (var i = 0; i < tries.length; i += 1) {
    var ld = "&ld=" + encodeURIComponent(JSON.stringify(tries[i]));
    if (tries[i].length && address.length + ld.length <= limit) {
      address += ld;
      break;
    }
  }
  if (!window.open(address, "_blank")) {
    location.href = address;
  }
})();
