// The three panels, one shown at a time.
import { $ } from "./dom.js";

export const panels = ["decode", "inspect", "issue"];

/** showPanel shows the panel named name and selects its tab. */
export function showPanel(name) {
  for (const p of panels) {
    $("panel-" + p).hidden = p !== name;
    $("tab-" + p).setAttribute("aria-selected", String(p === name));
  }
}

/** setup makes the tabs switch panels. */
export function setup() {
  for (const p of panels) {
    $("tab-" + p).addEventListener("click", () => showPanel(p));
  }
}
