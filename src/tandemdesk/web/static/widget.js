/* tandemdesk chat widget: <script src="https://YOUR-TANDEMDESK/widget.js" data-key="wk_..." async></script>
   No build step, no CDN, no cookies: a visitor id in localStorage, a token the server signs. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.key) { return; }
  var KEY = script.dataset.key;
  var BASE = new URL(script.src, location.href).origin;
  var LANG = ((script.dataset.lang || navigator.language || "en").slice(0, 2)).toLowerCase();
  var T = {
    en: { open: "Chat with us", title: "Questions? We're here.", send: "Send", email: "Your e-mail (optional, so we can find your orders)", placeholder: "Type your message…", error: "That did not go through. Please try again.", you: "You" },
    de: { open: "Chat", title: "Fragen? Wir sind da.", send: "Senden", email: "Ihre E-Mail (optional, damit wir Ihre Bestellungen finden)", placeholder: "Ihre Nachricht…", error: "Das hat nicht geklappt. Bitte noch einmal.", you: "Sie" },
    fr: { open: "Discuter", title: "Une question ? Nous sommes là.", send: "Envoyer", email: "Votre e-mail (facultatif, pour retrouver vos commandes)", placeholder: "Votre message…", error: "L'envoi a échoué. Veuillez réessayer.", you: "Vous" },
    es: { open: "Chatear", title: "¿Preguntas? Aquí estamos.", send: "Enviar", email: "Su correo (opcional, para encontrar sus pedidos)", placeholder: "Escriba su mensaje…", error: "No se ha podido enviar. Inténtelo de nuevo.", you: "Usted" }
  }[LANG] || null;
  if (!T) { T = { open: "Chat with us", title: "Questions? We're here.", send: "Send", email: "Your e-mail (optional, so we can find your orders)", placeholder: "Type your message…", error: "That did not go through. Please try again.", you: "You" }; }

  var store = window.localStorage;
  var visitorId = store.getItem("tandemdesk.visitor");
  if (!visitorId) {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    visitorId = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    store.setItem("tandemdesk.visitor", visitorId);
  }
  var state = { token: null, email: store.getItem("tandemdesk.email") || null, seen: {}, last: 0, source: null };

  var host = document.createElement("div");
  host.id = "tandemdesk-widget";
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    '<style>' +
    ':host{all:initial}*{box-sizing:border-box;font:14px/1.4 system-ui,sans-serif}' +
    '.open{position:fixed;right:20px;bottom:20px;border:0;border-radius:24px;padding:12px 18px;background:#1f5f5b;color:#fff;cursor:pointer;box-shadow:0 2px 8px #0003}' +
    '.panel{position:fixed;right:20px;bottom:20px;width:340px;max-height:520px;display:none;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 4px 24px #0004;overflow:hidden}' +
    '.panel.shown{display:flex}.head{background:#1f5f5b;color:#fff;padding:10px 12px;display:flex;justify-content:space-between}' +
    '.head button{background:none;border:0;color:#fff;cursor:pointer;font-size:18px}' +
    '.log{flex:1;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:6px;min-height:200px}' +
    '.msg{max-width:85%;padding:7px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}' +
    '.msg.you{align-self:flex-end;background:#e3f1ef}.msg.them{align-self:flex-start;background:#f1f1f1}' +
    '.who{display:block;font-size:11px;color:#666}.note{align-self:center;font-size:12px;color:#555;text-align:center}' +
    '.options{display:flex;gap:6px;flex-wrap:wrap}.options button{border:1px solid #1f5f5b;background:#fff;color:#1f5f5b;border-radius:14px;padding:4px 10px;cursor:pointer}' +
    'form{display:flex;flex-direction:column;gap:6px;padding:8px;border-top:1px solid #ddd}' +
    'input,textarea{width:100%;border:1px solid #ccc;border-radius:6px;padding:6px}textarea{resize:none;height:54px}' +
    'form button{align-self:flex-end;border:0;border-radius:6px;background:#1f5f5b;color:#fff;padding:6px 14px;cursor:pointer}' +
    '</style>' +
    '<button class="open" part="open"></button>' +
    '<section class="panel" role="dialog"><div class="head"><span class="title"></span><button class="close" aria-label="close">×</button></div>' +
    '<div class="log" aria-live="polite"></div>' +
    '<form><input class="email" type="email" autocomplete="email"><textarea class="text" required></textarea><button type="submit"></button></form></section>';
  var $ = function (sel) { return root.querySelector(sel); };
  $(".open").textContent = T.open;
  $(".title").textContent = T.title;
  $("form button").textContent = T.send;
  $(".email").placeholder = T.email;
  $(".text").placeholder = T.placeholder;
  if (state.email) { $(".email").value = state.email; }

  function add(cls, text, who) {
    var div = document.createElement("div");
    div.className = cls;
    if (who) { var w = document.createElement("span"); w.className = "who"; w.textContent = who; div.appendChild(w); }
    div.appendChild(document.createTextNode(text));
    $(".log").appendChild(div);
    $(".log").scrollTop = $(".log").scrollHeight;
    return div;
  }
  function show(item) {
    if (state.seen[item.id]) { return; }
    state.seen[item.id] = true;
    state.last = Math.max(state.last, item.id);
    if (item.from === "you") { add("msg you", item.text, T.you); }
    else { add("msg them", item.text, item.from === "bot" ? null : item.from); }
  }
  function body(extra) {
    var b = { key: KEY, visitor_id: visitorId, email: state.email, token: state.token };
    for (var k in extra) { b[k] = extra[k]; }
    return JSON.stringify(b);
  }
  function post(path, payload) {
    return fetch(BASE + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: payload })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) { throw j; } return j; }); });
  }
  function listen() {
    if (state.source) { state.source.close(); }
    var q = new URLSearchParams({ key: KEY, visitor_id: visitorId, token: state.token, after: String(state.last) });
    if (state.email) { q.set("email", state.email); }
    state.source = new EventSource(BASE + "/widget/v1/events?" + q.toString());
    state.source.onmessage = function (e) { show(JSON.parse(e.data)); };
  }
  function start() {
    var asked = state.email;
    return post("/widget/v1/session", body({})).then(function (s) {
      // A session asked for before the visitor changed their e-mail answers late: its token
      // is for the old address, and the stream it would open is refused (it never recovers).
      if (asked !== state.email) { return; }
      state.token = s.token;
      s.messages.forEach(show);
      listen();
    });
  }
  function send(text) {
    var email = $(".email").value.trim() || null;
    var ready = Promise.resolve();
    if (email !== state.email) {
      state.email = email;
      if (email) { store.setItem("tandemdesk.email", email); } else { store.removeItem("tandemdesk.email"); }
      ready = start();
    }
    return ready.then(function () { return post("/widget/v1/messages", body({ text: text })); }).then(function (a) {
      show({ id: a.message_id, from: "you", text: text });
      if (a.options && a.options.length) {
        var box = add("options", "");
        a.options.forEach(function (option) {
          var b = document.createElement("button");
          b.type = "button";
          b.textContent = option;
          b.onclick = function () { box.remove(); send(option); };
          box.appendChild(b);
        });
      }
      if (a.handover) { add("note", a.handover); }
    }).catch(function () { add("note", T.error); });
  }
  $(".open").onclick = function () {
    $(".panel").classList.add("shown");
    $(".open").style.display = "none";
    if (!state.token) { start().catch(function () { add("note", T.error); }); }
  };
  $(".close").onclick = function () { $(".panel").classList.remove("shown"); $(".open").style.display = ""; };
  $("form").onsubmit = function (e) {
    e.preventDefault();
    var text = $(".text").value.trim();
    if (!text) { return; }
    $(".text").value = "";
    send(text);
  };
  document.body.appendChild(host);
})();
