// Numbers for reading, by the one rule Python defines: calculators/display.py `rules()` reaches the
// page as data (`number_style` in the form's JSON). Nothing here decides a sign, a separator or a
// threshold; tests/test_calculators_browser.py checks this file against Python's own samples.

function group(digits, style) {
  if (digits.length < style.group_from_digits) return digits;
  const groups = [];
  for (let end = digits.length; end > 0; end -= style.group_size) {
    groups.unshift(digits.slice(Math.max(0, end - style.group_size), end));
  }
  return groups.join(style.group);
}

// `value` rounded to `decimals`; the style's «—» when there is nothing to show.
export function formatNumber(value, decimals, style) {
  if (typeof value !== "number" || !Number.isFinite(value)) return style.empty;
  // toFixed rounds the exact binary value half up: the digits of Python's Decimal(float) with
  // ROUND_HALF_UP (style.rounding), the rule display.number() states.
  const text = Math.abs(value).toFixed(decimals);
  const negative = value < 0 && /[1-9]/.test(text);
  const [whole, fraction] = text.split(".");
  return (negative ? style.minus : "") + group(whole, style) + (fraction ? style.decimal + fraction : "");
}

export function formatPercent(value, decimals, style) {
  const text = formatNumber(value, decimals, style);
  return text === style.empty ? text : text + style.percent_suffix;
}
