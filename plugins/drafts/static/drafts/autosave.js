/*
 * Forms that do not lose work (plugins.drafts).
 *
 * For every [data-autosave] block rendered by AutosaveTextarea:
 * - saves the text as a server-side draft about a second after typing stops,
 *   and says so politely ("Saved as a draft at 14:05");
 * - keeps a copy in this browser (localStorage) until the server has it, so
 *   text typed after the session ended is not lost; the copy is removed as
 *   soon as the server confirms it;
 * - warns before the session runs out, with a "Stay signed in" button;
 * - offers unsaved text back when the form loads (server draft or newer
 *   local copy): "Restore it" / "Discard";
 * - does not send the form while the session has ended (the text would be lost
 *   on the sign-in page); it says why instead;
 * - forgets this person's local copies when they sign out on purpose.
 *
 * No inline script and no external resource: configuration and every string
 * come from data- attributes written by the server (CSP-friendly).
 */
(function () {
  "use strict";

  var LOCAL_PREFIX = "portal-draft:";
  var DEBOUNCE_MS = 1000;
  var TICK_MS = 2000;

  function norm(text) {
    return String(text == null ? "" : text).replace(/\r\n/g, "\n");
  }

  function clock(ms) {
    var lang = document.documentElement.lang || undefined;
    try {
      return new Date(ms).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    } catch (e) {
      return new Date(ms).toLocaleTimeString();
    }
  }

  function fill(template, time) {
    return String(template || "").replace("{time}", time);
  }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  var local = {
    get: function (key) {
      try {
        var raw = window.localStorage.getItem(key);
        var value = raw ? JSON.parse(raw) : null;
        return value && typeof value.t === "string" && typeof value.at === "number" ? value : null;
      } catch (e) {
        return null;
      }
    },
    set: function (key, text) {
      try {
        window.localStorage.setItem(key, JSON.stringify({ t: text, at: Date.now() }));
      } catch (e) {
        /* storage full or disabled: the server draft still works */
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        /* nothing to do */
      }
    },
  };

  function csrfToken(form) {
    var input =
      (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  /* POST JSON; a redirect or 401 means the session has ended. */
  function postJSON(url, body, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    }).then(
      function (response) {
        if (response.type === "opaqueredirect" || response.status === 401) {
          return { state: "signed-out", data: {} };
        }
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (response.ok) return { state: "ok", data: data };
            if (data.error === "second-factor") return { state: "signed-out", data: data };
            if (data.error === "too-long") return { state: "too-long", data: data };
            return { state: "stale", data: data };
          });
      },
      function () {
        return { state: "offline", data: {} };
      }
    );
  }

  /* ------------------------------------------------------------------ session */

  function Session(root) {
    var d = root.dataset;
    this.msg = messages(root);
    this.pingUrl = d.pingUrl;
    this.loginUrl = d.loginUrl;
    this.idleMs = Number(d.idleSeconds) * 1000;
    var warn = Number(d.warnSeconds) * 1000;
    this.warnMs = Math.min(warn, Math.max(this.idleMs - 5000, 0));
    this.lastContact = Date.now();
    var remaining = Number(d.absoluteRemaining);
    this.absoluteEnd = isFinite(remaining) && remaining > 0 ? Date.now() + remaining * 1000 : Infinity;
    this.ended = false;
    this.dismissedFor = null;
    this.banner = null;
    this.csrf = csrfToken(root.closest("form"));
    var self = this;
    window.setInterval(function () {
      self.tick();
    }, TICK_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) self.tick();
    });
  }

  Session.prototype.end = function () {
    return Math.min(this.lastContact + this.idleMs, this.absoluteEnd);
  };

  Session.prototype.touched = function (data) {
    this.lastContact = Date.now();
    if (data && typeof data.absolute_remaining === "number") {
      this.absoluteEnd = Date.now() + data.absolute_remaining * 1000;
    }
    if (data && typeof data.idle_seconds === "number") this.idleMs = data.idle_seconds * 1000;
    if (this.ended) {
      this.ended = false;
      this.hide();
    }
    this.tick();
  };

  Session.prototype.tick = function () {
    if (this.ended) return;
    var now = Date.now();
    var end = this.end();
    if (now >= end) {
      this.markEnded();
    } else if (now >= end - this.warnMs) {
      if (this.dismissedFor !== end) this.show(end === this.absoluteEnd ? "warn-absolute" : "warn", end);
    } else if (this.banner && this.banner.dataset.mode !== "ended") {
      this.hide();
    }
  };

  Session.prototype.markEnded = function () {
    if (this.ended) return;
    this.ended = true;
    this.dismissedFor = null;
    this.show("ended", Date.now());
  };

  Session.prototype.show = function (mode, end) {
    if (this.banner && this.banner.dataset.mode === mode) return;
    this.hide();
    var self = this;
    var msg = this.msg;
    this.returnFocus = document.activeElement;
    var banner = make("div", { class: "session-banner", role: "alert", "data-session-banner": "", "data-mode": mode });
    banner.appendChild(make("p", { "data-session-text": "" }, fill(msg[mode], clock(end))));
    var actions = make("div", { class: "session-actions" });
    if (mode === "warn") {
      var stay = make("button", { type: "button", class: "primary", "data-session-stay": "" }, msg.stay);
      stay.addEventListener("click", function () {
        self.stay();
      });
      actions.appendChild(stay);
    }
    if (mode === "ended") {
      actions.appendChild(make("a", { href: this.loginUrl, "data-session-sign-in": "" }, msg["sign-in"]));
    }
    var dismiss = make("button", { type: "button", class: "secondary", "data-session-dismiss": "" }, msg.dismiss);
    dismiss.addEventListener("click", function () {
      self.dismissedFor = mode === "ended" ? "ended" : end;
      self.hide();
    });
    actions.appendChild(dismiss);
    banner.appendChild(actions);
    var main = document.getElementById("main") || document.body;
    main.insertBefore(banner, main.firstChild);
    this.banner = banner;
  };

  Session.prototype.hide = function () {
    if (!this.banner) return;
    var hadFocus = this.banner.contains(document.activeElement);
    this.banner.remove();
    this.banner = null;
    if (hadFocus && this.returnFocus && document.body.contains(this.returnFocus)) this.returnFocus.focus();
  };

  Session.prototype.stay = function () {
    var self = this;
    postJSON(this.pingUrl, {}, this.csrf).then(function (result) {
      if (result.state === "ok") {
        self.dismissedFor = null;
        self.hide();
        self.touched(result.data);
      } else if (result.state === "signed-out") {
        self.markEnded();
      }
    });
  };

  /* ------------------------------------------------------------------ fields */

  function messages(root) {
    var out = {};
    Object.keys(root.dataset).forEach(function (name) {
      if (name.indexOf("msg") === 0 && name.length > 3) {
        // data-msg-sign-in -> dataset.msgSignIn -> "sign-in"
        var code = name
          .slice(3)
          .replace(/^[A-Z]/, function (c) {
            return c.toLowerCase();
          })
          .replace(/[A-Z]/g, function (c) {
            return "-" + c.toLowerCase();
          });
        out[code] = root.dataset[name];
      }
    });
    return out;
  }

  function Field(root, session) {
    var d = root.dataset;
    this.root = root;
    this.session = session;
    this.msg = messages(root);
    this.textarea = root.querySelector("[data-autosave-input]");
    this.status = root.querySelector("[data-autosave-status]");
    this.form = this.textarea.form;
    this.token = d.token;
    this.saveUrl = d.saveUrl;
    this.discardUrl = d.discardUrl;
    this.localKey = LOCAL_PREFIX + d.user + ":" + d.key;
    this.localMaxAge = Number(d.localMaxAge) * 1000;
    this.lastSaved = norm(this.textarea.value);
    this.timer = null;
    this.queue = Promise.resolve("ok");
    var self = this;
    this.textarea.addEventListener("input", function () {
      self.changed();
    });
    this.offerBack();
  }

  Field.prototype.say = function (text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  };

  Field.prototype.changed = function () {
    var self = this;
    local.set(this.localKey, norm(this.textarea.value));
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.save();
    }, DEBOUNCE_MS);
  };

  Field.prototype.needsSaving = function () {
    return norm(this.textarea.value) !== this.lastSaved;
  };

  /* Save now (after any save in flight); resolves to "ok", "signed-out", "offline", ... */
  Field.prototype.save = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = null;
    this.queue = this.queue.then(function () {
      var text = norm(self.textarea.value);
      if (text === self.lastSaved) return "ok";
      return postJSON(self.saveUrl, { token: self.token, text: text }, csrfToken(self.form)).then(function (result) {
        if (result.state === "ok") {
          self.lastSaved = text;
          var copy = local.get(self.localKey);
          if (copy && copy.t === text) local.remove(self.localKey);
          self.session.touched(result.data);
          self.say(fill(self.msg.saved, result.data.time || clock(Date.now())));
        } else {
          if (result.state === "signed-out") self.session.markEnded();
          self.say(self.msg[result.state] || self.msg.stale);
        }
        return result.state;
      });
    });
    return this.queue;
  };

  /* Offer back a server draft (rendered by the server) or a newer local copy. */
  Field.prototype.offerBack = function () {
    var current = norm(this.textarea.value);
    var copy = local.get(this.localKey);
    if (copy && (Date.now() - copy.at > this.localMaxAge || copy.t === current)) {
      local.remove(this.localKey);
      copy = null;
    }
    var offer = this.root.querySelector("[data-draft-offer]");
    if (offer) {
      var serverText = norm(offer.querySelector("[data-draft-text]").textContent);
      var serverAt = Number(offer.dataset.draftUpdated) || 0;
      if (copy && (copy.t === serverText || copy.at <= serverAt)) {
        local.remove(this.localKey);
        copy = null;
      }
      if (!copy) {
        this.wire(offer, serverText, serverAt);
        return;
      }
      offer.remove();
    }
    if (copy) {
      offer = this.buildOffer(copy.t, copy.at);
      this.root.insertBefore(offer, this.root.firstChild);
      this.wire(offer, copy.t, copy.at);
    }
  };

  Field.prototype.buildOffer = function (text, at) {
    var id = (this.textarea.id || "autosave") + "-draft-offer";
    var offer = make("div", { class: "draft-offer", "data-draft-offer": "", role: "group", "aria-labelledby": id });
    var heading = make("p", { id: id });
    heading.appendChild(make("strong", {}, fill(this.msg.offer, clock(at))));
    offer.appendChild(heading);
    var details = make("details");
    details.appendChild(make("summary", {}, this.msg.show));
    details.appendChild(make("pre", { class: "draft-text", "data-draft-text": "" }, text));
    offer.appendChild(details);
    var actions = make("p", { class: "draft-actions" });
    actions.appendChild(make("button", { type: "button", class: "secondary", "data-draft-restore": "" }, this.msg.restore));
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(make("button", { type: "button", class: "link-like", "data-draft-discard": "" }, this.msg.discard));
    offer.appendChild(actions);
    return offer;
  };

  Field.prototype.wire = function (offer, text, at) {
    var self = this;
    offer.querySelector("[data-draft-restore]").addEventListener("click", function (event) {
      event.preventDefault();
      self.textarea.value = text;
      offer.remove();
      self.textarea.focus();
      self.say(fill(self.msg.restored, clock(at)));
      self.changed();
    });
    offer.querySelector("[data-draft-discard]").addEventListener("click", function (event) {
      event.preventDefault();
      local.remove(self.localKey);
      postJSON(self.discardUrl, { token: self.token }, csrfToken(self.form));
      offer.remove();
      self.textarea.focus();
      self.say(self.msg.discarded);
    });
  };

  /* ------------------------------------------------------------------ forms */

  function guardSubmit(form, fields, session) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.autosaveSending === "1") return;
      var pending = fields.some(function (field) {
        return field.needsSaving();
      });
      if (!pending && !session.ended) {
        fields.forEach(function (field) {
          local.remove(field.localKey);
        });
        return;
      }
      event.preventDefault();
      var submitter = event.submitter;
      Promise.all(
        fields.map(function (field) {
          return field.save();
        })
      ).then(function (states) {
        if (states.indexOf("signed-out") !== -1) {
          fields[0].say(fields[0].msg["submit-blocked"]);
          session.markEnded();
          return;
        }
        fields.forEach(function (field, i) {
          if (states[i] === "ok") local.remove(field.localKey);
        });
        form.dataset.autosaveSending = "1";
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        } else {
          form.submit();
        }
        delete form.dataset.autosaveSending;
      });
    });
  }

  function start() {
    var roots = Array.prototype.slice.call(document.querySelectorAll("[data-autosave]"));
    if (!roots.length) return;
    var session = new Session(roots[0]);
    var byForm = new Map();
    roots.forEach(function (root) {
      if (!root.querySelector("[data-autosave-input]")) return;
      var field = new Field(root, session);
      if (field.form) {
        if (!byForm.has(field.form)) byForm.set(field.form, []);
        byForm.get(field.form).push(field);
      }
    });
    byForm.forEach(function (fields, form) {
      guardSubmit(form, fields, session);
    });
    forgetOnSignOut(roots[0], session);
  }

  /* Signing out on purpose (on a shared computer, say) removes this person's local copies;
     while the session has ended they stay, to be offered back after signing in again. */
  function forgetOnSignOut(root, session) {
    var url = root.dataset.logoutUrl;
    if (!url) return;
    var prefix = LOCAL_PREFIX + root.dataset.user + ":";
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      if (form.getAttribute("action") !== url) return;
      form.addEventListener("submit", function () {
        if (session.ended) return;
        try {
          Object.keys(window.localStorage)
            .filter(function (key) {
              return key.indexOf(prefix) === 0;
            })
            .forEach(function (key) {
              window.localStorage.removeItem(key);
            });
        } catch (e) {
          /* storage disabled: nothing was kept */
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
