// Charts as inline SVG (colours from CSS, so both palettes work); every number on them is written
// by Python's rule (numbers.mjs), the figures of a bar's label by Python itself (view.outputs).

import { formatNumber, formatPercent } from "./numbers.mjs";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function isNumber(value) {
  return typeof value === "number" && Number.isFinite(value);
}

export function drawCharts(form, view, style) {
  const rules = form.querySelector('[data-chart="rules"] [data-chart-canvas]');
  if (rules) rules.replaceChildren(rulesChart(form, view, style));
  const planActual = form.querySelector('[data-chart="plan-actual"] [data-chart-canvas]');
  if (planActual)
    planActual.replaceChildren(...(view.chart || []).map((indicator) => planActualChart(indicator, style)));
}

function rulesChart(form, view, style) {
  const threshold = Number(form.querySelector('[data-chart="rules"]').dataset.weakShare || 70);
  const width = 640;
  const row = 30;
  const left = 90;
  const right = 70;
  const height = row * 7 + 30;
  const scale = (value) => left + ((width - left - right) * value) / 100;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-svg", role: "img" });
  const summary = [];
  for (let number = 1; number <= 7; number += 1) {
    const value = view.result[`rule_${number}`];
    const y = 10 + (number - 1) * row;
    chart.append(
      svg("text", { x: left - 8, y: y + 17, class: "calc-svg__label", "text-anchor": "end" }, `Правило ${number}`),
    );
    chart.append(
      svg("rect", { x: left, y: y + 4, width: scale(100) - left, height: row - 10, class: "calc-svg__track" }),
    );
    if (isNumber(value)) {
      const weak = value < threshold;
      chart.append(
        svg("rect", {
          x: left,
          y: y + 4,
          width: Math.max(0, scale(Math.min(value, 100)) - left),
          height: row - 10,
          class: weak ? "calc-svg__bar calc-svg__bar--weak" : "calc-svg__bar",
        }),
      );
    }
    const shown = view.outputs[`rule_${number}`].shown;
    chart.append(
      svg(
        "text",
        { x: scale(100) + 8, y: y + 17, class: "calc-svg__value" },
        isNumber(value) ? `${shown}${style.percent_suffix}` : shown,
      ),
    );
    summary.push(`правило ${number}: ${isNumber(value) ? `${shown}${style.percent_suffix}` : "нет ответов"}`);
  }
  const x = scale(threshold);
  chart.append(svg("line", { x1: x, x2: x, y1: 4, y2: height - 22, class: "calc-svg__threshold" }));
  chart.append(
    svg(
      "text",
      { x, y: height - 6, class: "calc-svg__axis", "text-anchor": "middle" },
      formatPercent(threshold, 0, style),
    ),
  );
  chart.setAttribute("aria-label", `Доля выполнения по правилам: ${summary.join("; ")}`);
  return chart;
}

// The fewest decimals (up to three) that write every value of a chart exactly, so that one chart
// reads alike («2,5» and «2,0», not «2,5» and «2»); the style itself is Python's.
function chartDecimals(values) {
  for (let decimals = 0; decimals < 3; decimals += 1) {
    if (values.every((value) => Number(value.toFixed(decimals)) === value)) return decimals;
  }
  return 3;
}

function planActualChart(indicator, style) {
  const points = indicator.points || [];
  const values = [indicator.base, ...points.flatMap((point) => [point.plan, point.actual])].filter(isNumber);
  const top = Math.max(...values, 0) * 1.15 || 1;
  const width = 640;
  const height = 190;
  const left = 56;
  const bottom = 30;
  const plot = height - bottom - 24;
  const group = Math.max(1, points.length);
  const step = (width - left - 10) / group;
  const bar = Math.min(44, step / 3);
  const y = (value) => 24 + plot - (plot * value) / top;
  const decimals = chartDecimals(values);
  const format = (value) => formatNumber(value, decimals, style);
  const figure = document.createElement("div");
  figure.className = "calc-chart__item";
  const title = document.createElement("p");
  title.className = "calc-chart__title";
  title.textContent = indicator.name;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-svg", role: "img" });
  const summary = [`базовое значение ${format(indicator.base)}`];
  chart.append(svg("line", { x1: left, x2: width - 5, y1: y(0), y2: y(0), class: "calc-svg__axisline" }));
  chart.append(svg("text", { x: left - 6, y: y(0) + 4, class: "calc-svg__axis", "text-anchor": "end" }, "0"));
  chart.append(
    svg(
      "text",
      { x: left - 6, y: y(top / 1.15) + 4, class: "calc-svg__axis", "text-anchor": "end" },
      format(top / 1.15),
    ),
  );
  points.forEach((point, index) => {
    const center = left + step * index + step / 2;
    for (const [key, shift, css] of [
      ["plan", -bar / 2 - 2, "calc-svg__bar calc-svg__bar--plan"],
      ["actual", bar / 2 + 2, "calc-svg__bar calc-svg__bar--actual"],
    ]) {
      const value = point[key];
      if (!isNumber(value)) continue;
      chart.append(
        svg("rect", {
          x: center + shift - bar / 2,
          y: y(value),
          width: bar,
          height: Math.max(0, y(0) - y(value)),
          class: css,
        }),
      );
      chart.append(
        svg(
          "text",
          { x: center + shift, y: y(value) - 4, class: "calc-svg__value", "text-anchor": "middle" },
          format(value),
        ),
      );
    }
    chart.append(
      svg("text", { x: center, y: height - 10, class: "calc-svg__label", "text-anchor": "middle" }, point.label),
    );
    summary.push(`${point.label}: план ${format(point.plan)}, факт ${format(point.actual)}`);
  });
  if (isNumber(indicator.base)) {
    chart.append(
      svg("line", { x1: left, x2: width - 5, y1: y(indicator.base), y2: y(indicator.base), class: "calc-svg__base" }),
    );
    chart.append(
      svg(
        "text",
        { x: width - 5, y: y(indicator.base) - 4, class: "calc-svg__axis", "text-anchor": "end" },
        `X0 = ${format(indicator.base)}`,
      ),
    );
  }
  chart.setAttribute("aria-label", `${indicator.name}: ${summary.join("; ")}`);
  const legend = document.createElement("p");
  legend.className = "calc-chart__legend";
  for (const [css, text] of [
    ["plan", "план"],
    ["actual", "факт"],
    ["base", "X0 — базовое значение"],
  ]) {
    const key = document.createElement("span");
    key.className = `calc-chart__key calc-chart__key--${css}`;
    key.textContent = text;
    legend.append(key);
  }
  figure.append(title, chart, legend);
  return figure;
}
