// Rebound's service worker. The server puts CONFIG in front of this file (interviews/web/pwa.py):
// the static files of the app shell by their hashed names, the offline page, the pattern of
// the wizard pages that may be kept, the paths never to touch, and a version.
//
// Kept: the app shell, the offline page, and the reflection's feelings and what-happened
// pages once visited, so they open on a train. Never kept: any other page (private data on
// a shared phone), any answer to a POST, and anything under CONFIG.never.
/* global CONFIG */
"use strict";

var SHELL_CACHE = "rebound-shell-" + CONFIG.version;
var PAGE_CACHE = "rebound-pages";
var pages = new RegExp(CONFIG.pages);

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      return cache.addAll(CONFIG.shell.concat([CONFIG.offline]));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("rebound-shell-") === 0 && name !== SHELL_CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function clearAll() {
  return caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  });
}

self.addEventListener("message", function (event) {
  // Sent by the page when the user logs out: nothing of theirs stays on the device.
  if (event.data === "rebound:clear") {
    event.waitUntil(clearAll().then(function () {
      if (event.ports && event.ports[0]) { event.ports[0].postMessage("cleared"); }
    }));
  }
});

function neverCached(url) {
  return CONFIG.never.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; });
}

function navigate(request, url) {
  var keep = pages.test(url.pathname);
  return fetch(request).then(function (response) {
    if (keep) {
      // Copied now: once the page reads the response, its body cannot be read again.
      var copy = response.clone();
      caches.open(PAGE_CACHE).then(function (cache) {
        if (response.ok && !response.redirected && response.type === "basic") {
          return cache.put(url.pathname, copy);
        }
        // Sent elsewhere (to log in, or to another step): the kept copy is out of date.
        return cache.delete(url.pathname);
      });
    }
    return response;
  }).catch(function () {
    var kept = keep ? caches.match(url.pathname, { cacheName: PAGE_CACHE, ignoreVary: true })
      : Promise.resolve(undefined);
    return kept.then(function (hit) {
      return hit || caches.match(CONFIG.offline, { cacheName: SHELL_CACHE, ignoreVary: true });
    });
  });
}

function fromShell(request) {
  return caches.match(request, { cacheName: SHELL_CACHE, ignoreVary: true }).then(function (hit) {
    return hit || fetch(request);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || neverCached(url)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (url.pathname.indexOf(CONFIG.static) === 0) {
    event.respondWith(fromShell(request));
  }
});
