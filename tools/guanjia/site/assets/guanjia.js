/* guanjia：网站自己的小脚本，不从外部加载任何内容；没有脚本时页面照样能读（显示的是数据截至日的情况）。
   1. 从文件打开网站（双击 index.html、内网共享目录）时站内搜索也能用；
   2. “还有 N 天”等相对说法按读者所在的这一天（按本项目的时区）重新计算；
   3. 打印表单和业主通知时缩放到正好一张 A4 纸。 */
(function () {
  "use strict";

  /* 1. Material's search builds its index in a Web Worker, and browsers start no worker for a page opened
     from a file. There the worker's script runs in a hidden frame of the page instead: the frame's
     postMessage hands results back, and messages to the "worker" are events on the frame's window.
     (The index itself is search/search_index.js, which Material loads by a script tag on file://.) */
  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.waiting = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(this.frame);
      const inner = this.frame.contentWindow;
      inner.postMessage = (data) => setTimeout(() => this.emit(new MessageEvent("message", { data: copy(data) })));
      const script = inner.document.createElement("script");
      script.src = new URL(url, document.baseURI).href;
      script.onload = () => {
        this.inner = inner;
        this.waiting.splice(0).forEach((data) => this.postMessage(data));
      };
      script.onerror = () => this.emit(new Event("error"));
      inner.document.head.appendChild(script);
    }

    postMessage(data) {
      if (!this.inner) {
        this.waiting.push(data);
        return;
      }
      const inner = this.inner;
      setTimeout(() => inner.dispatchEvent(new inner.MessageEvent("message", { data: copy(data) })));
    }

    terminate() {
      this.frame.remove();
      this.inner = null;
    }

    emit(event) {
      const handler = this["on" + event.type];
      if (typeof handler === "function") handler.call(this, event);
      this.dispatchEvent(event);
    }
  }

  function copy(data) {
    try {
      return typeof structuredClone === "function" ? structuredClone(data) : data;
    } catch (error) {
      return data;
    }
  }

  if (location.protocol === "file:") window.Worker = FrameWorker;

  /* 2. Days left, counted on the reader's day in the estate's time zone, as tables.days_text words it. */
  function isoToday(zone) {
    try {
      const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(new Date());
      const part = (type) => parts.find((p) => p.type === type).value;
      return part("year") + "-" + part("month") + "-" + part("day");
    } catch (error) {
      return null; // a zone this browser does not know: the page keeps the data day's texts
    }
  }

  function dayNumber(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d) / 86400000;
  }

  function daysText(left) {
    if (left < 0) return "逾期 " + -left + " 天";
    return left === 0 ? "今天到期" : "还有 " + left + " 天";
  }

  function recount() {
    const anchor = document.querySelector("[data-gj-tz][data-gj-today]");
    if (!anchor) return;
    const today = isoToday(anchor.dataset.gjTz);
    if (!today || today === anchor.dataset.gjToday) return;
    const now = dayNumber(today);
    document.querySelectorAll("[data-gj-due]").forEach((el) => {
      const left = dayNumber(el.dataset.gjDue) - now;
      el.textContent = daysText(left);
      el.classList.toggle("gj-late", left < 0);
      el.classList.toggle("gj-open", left >= 0);
    });
    document.querySelectorAll("[data-gj-date]").forEach((el) => {
      el.classList.toggle("gj-today", el.dataset.gjDate === today);
    });
    const [y, m, d] = today.split("-").map(Number);
    document.querySelectorAll(".gj-recount").forEach((el) => {
      el.textContent = "剩余天数按今天（" + y + "年" + m + "月" + d + "日）计算，办理情况以数据截至日为准。";
    });
  }

  function start() {  // with Material's instant loading, document$ announces each page it swaps in
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(recount);
    else recount();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  /* 3. One A4 sheet: the form is measured at the paper's width (guanjia.css: .gj-measuring) and shrunk to
     the page's height when it is taller, down to 60 % (6.3 pt text); a form longer still goes on over
     pages, no row split. A4 is 297 mm high; the page margins are 12 mm (guanjia.css @page). */
  const MM = 96 / 25.4;
  const ROOM = (297 - 2 * 12 - 3) * MM;
  const SMALLEST = 0.6;

  function fitToPage() {
    const root = document.documentElement;
    document.querySelectorAll(".gj-form, .gj-poster").forEach((sheet) => {
      root.classList.add("gj-measuring");
      const height = sheet.getBoundingClientRect().height;
      root.classList.remove("gj-measuring");
      const fit = height > ROOM ? Math.max(SMALLEST, Math.floor((ROOM / height) * 1000) / 1000) : 1;
      sheet.style.setProperty("--gj-fit", String(fit));
    });
  }

  window.addEventListener("beforeprint", fitToPage);
})();
