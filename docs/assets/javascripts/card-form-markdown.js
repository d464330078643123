// The card body's Markdown for the preview of «Предложить практику», rendered as the site renders it.
//
// The site renders a body with Python-Markdown (extensions tables, sane_lists, toc with base level 2;
// raw HTML is text) and then keeps only an allow-list of tags and http(s)/relative links
// (build_tools/site/markdown_body.py). This is a port of the parts of Python-Markdown 3 that
// cards use: its block parser (paragraphs, «#» and underlined headings, lists with their tight and
// loose items and nesting by four spaces, quotes, indented code, rules, tables, reference
// definitions) and its inline patterns in the same order (code, escapes, links and images,
// autolinks, line breaks, entities, then * and _ emphasis). Differences are possible in rare
// constructs (tricky emphasis runs, links with brackets inside the address); the site build is
// the final word.
//
// Safety: the result is built with DOM methods and text nodes only; nothing typed is parsed as HTML.
(() => {
  "use strict";
  const TAB = 4;
  // Placeholders are STX n ETX, as Python-Markdown's: characters no text keeps (render drops them).
  const PLACEHOLDER = new RegExp(`${String.fromCharCode(2)}(\\d+)${String.fromCharCode(3)}`);
  const PLACEHOLDER_MARKS = new RegExp(`[${String.fromCharCode(2)}${String.fromCharCode(3)}]`, "g");
  const ESCAPED = "\\`*_{}[]()>#+-.!";
  const ENTITIES = {
    amp: "&",
    lt: "<",
    gt: ">",
    quot: '"',
    apos: "'",
    nbsp: "\u00a0",
    copy: "©",
    reg: "®",
    trade: "™",
    laquo: "«",
    raquo: "»",
    bdquo: "„",
    ldquo: "“",
    rdquo: "”",
    lsquo: "‘",
    rsquo: "’",
    mdash: "—",
    ndash: "–",
    minus: "−",
    hellip: "…",
    deg: "°",
    times: "×",
    divide: "÷",
    plusmn: "±",
    sect: "§",
    para: "¶",
    middot: "·",
    bull: "•",
    numero: "№",
    euro: "€",
    thinsp: "\u2009",
    shy: "\u00ad",
  };

  // ---- a small element tree, as Python-Markdown's ElementTree (text before children, tail after) ----
  class Element {
    constructor(tag, parent = null) {
      this.tag = tag;
      this.text = null;
      this.tail = null;
      this.children = [];
      this.attrs = {};
      if (parent) parent.children.push(this);
    }
  }
  // An item of a loose list: its own text becomes its first paragraph.
  function loosen(item) {
    if (!item.text) return;
    const p = new Element("p");
    p.text = item.text;
    item.text = "";
    item.children.unshift(p);
  }
  const last = (parent) => (parent.children.length ? parent.children[parent.children.length - 1] : null);
  const LIST_TAGS = ["ul", "ol"];

  // ---- block parser ------------------------------------------------------------------------------
  class Parser {
    constructor() {
      this.states = [];
      this.references = new Map();
    }
    isState(state) {
      return this.states.length > 0 && this.states[this.states.length - 1] === state;
    }
    parseChunk(parent, text) {
      this.parseBlocks(parent, text.split("\n\n"));
    }
    parseBlocks(parent, blocks) {
      while (blocks.length) {
        for (const processor of PROCESSORS) {
          if (processor.test.call(this, parent, blocks[0]) && processor.run.call(this, parent, blocks) !== false) break;
        }
      }
    }
  }

  function detab(text, length = TAB) {
    const lines = text.split("\n");
    const kept = [];
    let index = 0;
    for (; index < lines.length; index++) {
      const line = lines[index];
      if (line.startsWith(" ".repeat(length))) kept.push(line.slice(length));
      else if (!line.trim()) kept.push("");
      else break;
    }
    return [kept.join("\n"), lines.slice(index).join("\n")];
  }

  function looseDetab(text, level = 1) {
    const prefix = " ".repeat(TAB * level);
    return text
      .split("\n")
      .map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line))
      .join("\n");
  }

  const HASH_HEADER = /(?:^|\n)(#{1,6})((?:\\.|[^\\])*?)#*(?:\n|$)/;
  const SETEXT_HEADER = /^.*?\n[=-]+[ ]*(?:\n|$)/;
  const HR = /^[ ]{0,3}(?=(?<rule>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,}))\k<rule>[ ]*$/m;
  const QUOTE = /(^|\n)[ ]{0,3}>[ ]?(.*)/;
  const REFERENCE = /^[ ]{0,3}\[([^[\]]*)\]:[ ]*\n?[ ]*([^\s]+)[ ]*(?:\n[ ]*)?((["'])(.*)\4[ ]*|\((.*)\)[ ]*)?$/m;
  const PIPE_END = /(?<!\\)(?:\\\\)*\|$/;

  function listProcessor(tag) {
    // sane_lists: a «1.» line in a bulleted list (or «-» in a numbered one) is text, not an item.
    const child = tag === "ol" ? /^[ ]{0,3}\d+\.[ ]+(.*)/ : /^[ ]{0,3}[*+-][ ]+(.*)/;
    const indent = /^[ ]{4,7}((\d+\.)|[*+-])[ ]+.*/;
    const items = (block) => {
      const found = [];
      for (const line of block.split("\n")) {
        const match = child.exec(line);
        if (match) found.push(match[1]);
        else if (indent.test(line) && found.length) {
          if (found[found.length - 1].startsWith(" ".repeat(TAB))) found[found.length - 1] += `\n${line}`;
          else found.push(line);
        } else if (found.length) found[found.length - 1] += `\n${line}`;
      }
      return found;
    };
    return {
      test(_parent, block) {
        return child.test(block);
      },
      run(parent, blocks) {
        const parts = items(blocks.shift());
        const sibling = last(parent);
        let list;
        if (sibling && sibling.tag === tag) {
          // A list continued after a blank line: its items become paragraphs (a loose list).
          list = sibling;
          const item = last(list);
          loosen(item);
          const lastChild = last(item);
          if (lastChild?.tail) {
            const p = new Element("p", item);
            p.text = lastChild.tail.replace(/^\s+/, "");
            lastChild.tail = "";
          }
          const li = new Element("li", list);
          this.states.push("looselist");
          this.parseBlocks(li, [parts.shift()]);
          this.states.pop();
        } else if (LIST_TAGS.includes(parent.tag)) {
          list = parent;
        } else {
          list = new Element(tag, parent);
        }
        this.states.push("list");
        for (const part of parts) {
          if (part.startsWith(" ".repeat(TAB))) this.parseBlocks(last(list), [part]);
          else this.parseBlocks(new Element("li", list), [part]);
        }
        this.states.pop();
      },
    };
  }

  function splitRow(row, border) {
    if (border) {
      if (row.startsWith("|")) row = row.slice(1);
      row = row.replace(PIPE_END, "");
    }
    // Pipes inside `code` or escaped are not cell borders.
    const cells = [];
    let current = "";
    let ticks = 0;
    for (let index = 0; index < row.length; index++) {
      const char = row[index];
      if (char === "\\" && index + 1 < row.length) {
        current += char + row[index + 1];
        index++;
      } else if (char === "`") {
        let run = 1;
        while (row[index + run] === "`") run++;
        ticks = ticks === run ? 0 : ticks || run;
        current += "`".repeat(run);
        index += run - 1;
      } else if (char === "|" && !ticks) {
        cells.push(current);
        current = "";
      } else current += char;
    }
    cells.push(current);
    return cells;
  }

  const table = {
    test(_parent, block) {
      const rows = block.split("\n").map((row) => row.replace(/^ +| +$/g, ""));
      if (rows.length < 2) return false;
      const border = rows[0].startsWith("|") || PIPE_END.test(rows[0]);
      const header = splitRow(rows[0], border);
      let isTable = header.length > 1;
      if (!isTable && header.length === 1 && border) {
        isTable = rows.slice(1).every((row) => row.startsWith("|") || PIPE_END.test(row));
      }
      if (!isTable) return false;
      const separator = splitRow(rows[1], border);
      if (separator.length !== header.length || !/^[|:\- ]*$/.test(separator.join(""))) return false;
      this.table = { border, columns: header.length };
      return true;
    },
    run(parent, blocks) {
      const rows = blocks.shift().split("\n");
      const { border, columns } = this.table;
      const element = new Element("table", parent);
      const build = (row, section, cellTag) => {
        const tr = new Element("tr", section);
        const cells = splitRow(row.replace(/^ +| +$/g, ""), border);
        for (let index = 0; index < columns; index++) {
          new Element(cellTag, tr).text = index < cells.length ? cells[index].replace(/^ +| +$/g, "") : "";
        }
      };
      build(rows[0], new Element("thead", element), "th");
      const body = new Element("tbody", element);
      if (rows.length < 3) {
        const tr = new Element("tr", body);
        for (let index = 0; index < columns; index++) new Element("td", tr);
      }
      for (const row of rows.slice(2)) build(row, body, "td");
    },
  };

  const PROCESSORS = [
    {
      // empty
      test: (_parent, block) => !block || block.startsWith("\n"),
      run(parent, blocks) {
        const block = blocks.shift();
        let filler = "\n\n";
        if (block) {
          filler = "\n";
          if (block.slice(1)) blocks.unshift(block.slice(1));
        }
        const sibling = last(parent);
        if (sibling && sibling.tag === "pre" && sibling.children.length && sibling.children[0].tag === "code") {
          sibling.children[0].text += filler;
        }
      },
    },
    {
      // an indented block continuing a list item
      test(parent, block) {
        const sibling = last(parent);
        return (
          block.startsWith(" ".repeat(TAB)) &&
          !this.isState("detabbed") &&
          (parent.tag === "li" || (sibling !== null && LIST_TAGS.includes(sibling.tag)))
        );
      },
      run(parent, blocks) {
        let block = blocks.shift();
        const indentLevel = Math.floor(/^( *)/.exec(block)[1].length / TAB);
        let level = this.isState("list") ? 1 : 0;
        let sibling = parent;
        while (indentLevel > level) {
          const child = last(sibling);
          if (child && (LIST_TAGS.includes(child.tag) || child.tag === "li")) {
            if (LIST_TAGS.includes(child.tag)) level += 1;
            sibling = child;
          } else break;
        }
        block = looseDetab(block, level);
        this.states.push("detabbed");
        if (parent.tag === "li") {
          const child = last(parent);
          if (child && LIST_TAGS.includes(child.tag)) this.parseBlocks(child, [block]);
          else this.parseBlocks(parent, [block]);
        } else if (sibling.tag === "li") {
          this.parseBlocks(sibling, [block]);
        } else if (sibling.children.length && last(sibling).tag === "li") {
          const item = last(sibling);
          loosen(item);
          this.parseChunk(item, block);
        } else {
          const li = new Element("li", sibling);
          this.parseBlocks(li, [block]);
        }
        this.states.pop();
      },
    },
    {
      // indented code
      test: (_parent, block) => block.startsWith(" ".repeat(TAB)),
      run(parent, blocks) {
        const sibling = last(parent);
        const [code, rest] = detab(blocks.shift());
        if (sibling && sibling.tag === "pre" && sibling.children.length && sibling.children[0].tag === "code") {
          sibling.children[0].text = `${sibling.children[0].text}\n${code.replace(/\s+$/, "")}\n`;
        } else {
          const pre = new Element("pre", parent);
          new Element("code", pre).text = `${code.replace(/\s+$/, "")}\n`;
        }
        if (rest) blocks.unshift(rest);
      },
    },
    table,
    {
      // «# Заголовок» anywhere in a block
      test: (_parent, block) => HASH_HEADER.test(block),
      run(parent, blocks) {
        const block = blocks.shift();
        const match = HASH_HEADER.exec(block);
        const before = block.slice(0, match.index);
        let after = block.slice(match.index + match[0].length);
        if (before) this.parseBlocks(parent, [before]);
        new Element(`h${match[1].length}`, parent).text = match[2].trim();
        if (after) {
          if (this.isState("looselist")) after = looseDetab(after);
          blocks.unshift(after);
        }
      },
    },
    {
      // a line underlined with === or ---
      test: (_parent, block) => SETEXT_HEADER.test(block),
      run(parent, blocks) {
        const lines = blocks.shift().split("\n");
        new Element(lines[1].startsWith("=") ? "h1" : "h2", parent).text = lines[0].trim();
        if (lines.length > 2) blocks.unshift(lines.slice(2).join("\n"));
      },
    },
    {
      // a rule
      test: (_parent, block) => HR.test(block),
      run(parent, blocks) {
        const block = blocks.shift();
        const match = HR.exec(block);
        const before = block.slice(0, match.index).replace(/\n+$/, "");
        if (before) this.parseBlocks(parent, [before]);
        new Element("hr", parent);
        const after = block.slice(match.index + match[0].length).replace(/^\n+/, "");
        if (after) blocks.unshift(after);
      },
    },
    listProcessor("ol"),
    listProcessor("ul"),
    {
      // a quote
      test: (_parent, block) => QUOTE.test(block),
      run(parent, blocks) {
        let block = blocks.shift();
        const match = QUOTE.exec(block);
        if (match) {
          this.parseBlocks(parent, [block.slice(0, match.index)]);
          block = block
            .slice(match.index)
            .split("\n")
            .map((line) => {
              const lineMatch = /(^|\n)[ ]{0,3}>[ ]?(.*)/.exec(line);
              if (line.trim() === ">") return "";
              return lineMatch && lineMatch.index === 0 ? lineMatch[2] : line;
            })
            .join("\n");
        }
        const sibling = last(parent);
        const quote = sibling && sibling.tag === "blockquote" ? sibling : new Element("blockquote", parent);
        this.states.push("blockquote");
        this.parseChunk(quote, block);
        this.states.pop();
      },
    },
    {
      // «[1]: https://…» reference definitions: kept for links, not shown
      test: (_parent, block) => REFERENCE.test(block),
      run(_parent, blocks) {
        const block = blocks.shift();
        const match = REFERENCE.exec(block);
        const id = match[1].trim().toLowerCase();
        const link = match[2].replace(/^<|>$/g, "");
        const title = match[5] || match[6];
        this.references.set(id, { link, title });
        const after = block.slice(match.index + match[0].length);
        if (after.trim()) blocks.unshift(after.replace(/^\n+/, ""));
        const before = block.slice(0, match.index);
        if (before.trim()) blocks.unshift(before.replace(/\n+$/, ""));
      },
    },
    {
      // a paragraph (or, in a tight list, the item's own text)
      test: () => true,
      run(parent, blocks) {
        const block = blocks.shift();
        if (!block.trim()) return;
        if (this.isState("list")) {
          const sibling = last(parent);
          if (sibling) sibling.tail = sibling.tail ? `${sibling.tail}\n${block}` : `\n${block}`;
          else parent.text = parent.text ? `${parent.text}\n${block}` : block.replace(/^\s+/, "");
        } else {
          new Element("p", parent).text = block.replace(/^\s+/, "");
        }
      },
    },
  ];

  // ---- inline patterns, in Python-Markdown's order ----------------------------------------------
  // A matched piece becomes a placeholder (\u0002n\u0003) that later patterns see as one opaque
  // character, as Python-Markdown's own placeholders are.
  function inline(text, references) {
    const stash = [];
    return expand(inlinePass(text, references, stash), stash);
  }

  function inlinePass(text, references, stash) {
    const hold = (node) => `\u0002${stash.push(node) - 1}\u0003`;
    const holdText = (value) => hold({ text: value });
    let s = text;
    // `code`
    s = s.replace(/(?<!\\)(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks, code) => hold({ tag: "code", text: code.trim() }));
    // \* and the other escapable characters
    s = s.replace(/\\(.)/g, (whole, char) => (ESCAPED.includes(char) ? holdText(char) : whole));
    return laterPasses(s, references, stash);
  }

  // The patterns after code and escapes: also what a link's text goes through.
  function laterPasses(text, references, stash) {
    const hold = (node) => `\u0002${stash.push(node) - 1}\u0003`;
    const holdText = (value) => hold({ text: value });
    let s = text;
    // [text](address "title"), ![alt](address), [text][id], [text][], [id]
    s = links(s, hold, (label) => expand(laterPasses(label, references, stash), stash), references);
    // <https://…>, <name@host>
    s = s.replace(/<([A-Za-z][A-Za-z0-9+.-]*:\/\/[^<>]*)>/g, (_, url) =>
      hold({ tag: "a", href: url, children: [{ text: url }] }),
    );
    s = s.replace(/<([^<> !]+@[^@<> ]+)>/g, (_, address) =>
      hold({ tag: "a", href: `mailto:${address}`, children: [{ text: address }] }),
    );
    // two spaces at the end of a line
    s = s.replace(/ {2}\n/g, () => `${hold({ tag: "br" })}\n`);
    // &amp; &#171; &#xAB;
    s = s.replace(/&(?:#([0-9]+)|#x([0-9a-fA-F]+)|([a-zA-Z0-9]+));/g, (whole, decimal, hex, name) => {
      if (decimal || hex) {
        const code = parseInt(decimal || hex, decimal ? 10 : 16);
        return code > 0 && code <= 0x10ffff ? holdText(String.fromCodePoint(code)) : whole;
      }
      return name in ENTITIES ? holdText(ENTITIES[name]) : whole;
    });
    return emphasis(s);
  }

  const textOf = (nodes) => nodes.map((node) => (node.children ? textOf(node.children) : node.text || "")).join("");

  function links(s, hold, process, references) {
    let out = "";
    let index = 0;
    while (index < s.length) {
      const open = s.indexOf("[", index);
      if (open < 0) break;
      const image = open > 0 && s[open - 1] === "!";
      const close = matchingBracket(s, open);
      if (close < 0) break;
      const label = s.slice(open + 1, close);
      let end = -1;
      let target = null;
      if (s[close + 1] === "(") {
        const parsed = inlineTarget(s, close + 1);
        if (parsed) [target, end] = [parsed, parsed.end];
      } else {
        const ref = /^\s?\[([^\]]*)\]/.exec(s.slice(close + 1));
        const id = (ref?.[1] ? ref[1] : label).trim().toLowerCase().replace(/\s+/g, " ");
        if (references.has(id)) {
          target = references.get(id);
          end = close + 1 + (ref ? ref[0].length : 0);
        }
      }
      if (!target) {
        out += s.slice(index, open + 1);
        index = open + 1;
        continue;
      }
      const children = process(label);
      const node = image
        ? { tag: "img", src: target.link, alt: textOf(children), title: target.title }
        : { tag: "a", href: target.link, title: target.title, children };
      out += s.slice(index, image ? open - 1 : open) + hold(node);
      index = end;
    }
    return out + s.slice(index);
  }

  function matchingBracket(s, open) {
    let depth = 0;
    for (let index = open; index < s.length; index++) {
      if (s[index] === "\\") index++;
      else if (s[index] === "[") depth++;
      else if (s[index] === "]" && --depth === 0) return index;
    }
    return -1;
  }

  function inlineTarget(s, open) {
    let depth = 0;
    let close = -1;
    for (let index = open; index < s.length; index++) {
      if (s[index] === "\\") index++;
      else if (s[index] === "(") depth++;
      else if (s[index] === ")" && --depth === 0) {
        close = index;
        break;
      }
    }
    if (close < 0) return null;
    const inside = s.slice(open + 1, close).trim();
    const match = /^<([^>]*)>(?:\s+(["'])(.*)\2)?$/.exec(inside) || /^(\S*)(?:\s+(["'])(.*)\2)?$/s.exec(inside);
    if (!match) return null;
    return { link: match[1], title: match[3], end: close + 1 };
  }

  // * and _ runs (_ only at word edges), nearest opener first; *** opens with emphasis inside strong.
  function emphasis(s) {
    const tokens = [];
    const delimiters = [];
    const word = /[\p{L}\p{N}_]/u;
    const space = /\s/u;
    let index = 0;
    let plain = "";
    while (index < s.length) {
      const char = s[index];
      if (char !== "*" && char !== "_") {
        plain += char;
        index++;
        continue;
      }
      let run = 1;
      while (s[index + run] === char) run++;
      const before = index > 0 ? s[index - 1] : "";
      const after = index + run < s.length ? s[index + run] : "";
      let canOpen = after !== "" && !space.test(after);
      let canClose = before !== "" && !space.test(before);
      if (char === "_") {
        canOpen = canOpen && !word.test(before);
        canClose = canClose && !word.test(after);
      }
      if (plain) tokens.push({ text: plain });
      plain = "";
      const token = { text: char.repeat(run), char, count: run, canOpen, canClose };
      tokens.push(token);
      if (canOpen || canClose) delimiters.push(token);
      index += run;
    }
    if (plain) tokens.push({ text: plain });

    // Pair closers with openers.
    const openers = [];
    for (const token of delimiters) {
      let closing = token.canClose;
      while (closing && token.count > 0) {
        const at = openers.findLastIndex((item) => item.char === token.char && item.count > 0);
        if (at < 0) break;
        const opener = openers[at];
        const size = opener.count === 3 && token.count >= 3 ? 1 : Math.min(2, opener.count, token.count);
        opener.count -= size;
        token.count -= size;
        opener.opens ||= [];
        opener.opens.unshift({ size, closer: token });
        token.closes ||= [];
        token.closes.push({ size, opener });
        openers.splice(at + 1); // openers after this one can no longer close across it
        if (opener.count === 0) openers.splice(at, 1);
        closing = token.count > 0;
      }
      if (token.canOpen && token.count > 0) openers.push(token);
    }
    return build(tokens);
  }

  // Turn the flat tokens with their pairings into a tree: { tag, children } and { text }.
  function build(tokens) {
    const root = { children: [] };
    const stack = [root];
    for (const token of tokens) {
      if (token.char === undefined) {
        stack[stack.length - 1].children.push({ text: token.text });
        continue;
      }
      // Closings first (innermost first), then the unpaired rest as text, then openings.
      const closes = token.closes || [];
      const opens = token.opens || [];
      const closing = closes.reduce((sum, item) => sum + item.size, 0);
      const opening = opens.reduce((sum, item) => sum + item.size, 0);
      for (const { size } of closes) {
        const node = stack.pop();
        node.tag = size === 2 ? "strong" : "em";
        stack[stack.length - 1].children.push(node);
      }
      const rest = token.text.length - closing - opening;
      if (rest > 0) {
        // The unpaired part of a run stays text: an opener keeps it before the openings.
        stack[stack.length - 1].children.push({ text: token.char.repeat(rest) });
      }
      for (let index = opens.length - 1; index >= 0; index--) stack.push({ children: [] });
    }
    // Openers never closed cannot happen (only paired ones push); unwind defensively.
    while (stack.length > 1) {
      const node = stack.pop();
      stack[stack.length - 1].children.push(...node.children);
    }
    return root.children;
  }

  function expand(nodes, stash) {
    const result = [];
    for (const node of nodes) {
      if (node.children) {
        result.push({ tag: node.tag, children: expand(node.children, stash) });
        continue;
      }
      const parts = node.text.split(PLACEHOLDER);
      parts.forEach((part, index) => {
        if (index % 2 === 0) {
          if (part) result.push({ text: part });
        } else {
          result.push(stash[Number(part)]);
        }
      });
    }
    return result;
  }

  // ---- the DOM, through the site's allow-list --------------------------------------------------
  const BLOCK_TAGS = {
    p: "p",
    h1: "h2",
    h2: "h3",
    h3: "h4",
    h4: "h5",
    h5: "h6",
    h6: "h6",
    ul: "ul",
    ol: "ol",
    li: "li",
    blockquote: "blockquote",
    pre: "pre",
    code: "code",
    hr: "hr",
    table: "table",
    thead: "thead",
    tbody: "tbody",
    tr: "tr",
    th: "th",
    td: "td",
  };
  // What the site's sanitiser keeps (tags, link schemes), given by the page: any other tag (h1, h2:
  // a «#» heading) leaves its text only; a link of another scheme loses its address.
  let kept = new Set();
  let schemes = [];

  function safeUrl(url) {
    const trimmed = (url || "").trim();
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
    return !scheme || schemes.includes(scheme[1].toLowerCase()) ? trimmed : null;
  }

  function domOfInline(nodes, parent, references) {
    for (const node of nodes) {
      if (node.tag === undefined) {
        parent.append(document.createTextNode(node.text));
      } else {
        const element = document.createElement(node.tag);
        if (node.tag === "a") {
          const href = safeUrl(node.href);
          if (href !== null) element.setAttribute("href", href);
          if (node.title) element.setAttribute("title", node.title);
          element.setAttribute("rel", "noopener noreferrer nofollow");
          element.setAttribute("target", "_blank");
        } else if (node.tag === "img") {
          const src = safeUrl(node.src);
          if (src !== null) element.setAttribute("src", src);
          element.setAttribute("alt", node.alt);
          if (node.title) element.setAttribute("title", node.title);
        }
        if (node.text !== undefined) element.textContent = node.text;
        if (node.children) domOfInline(node.children, element, references);
        parent.append(element);
      }
    }
  }

  function domOf(element, parent, references) {
    const tag = BLOCK_TAGS[element.tag];
    const target = kept.has(tag) ? document.createElement(tag) : document.createDocumentFragment();
    if (element.tag === "code" || element.tag === "pre") {
      target.append(document.createTextNode(element.text || ""));
    } else if (element.text) {
      domOfInline(inline(element.text, references), target, references);
    }
    for (const child of element.children) {
      domOf(child, target, references);
      if (child.tail) domOfInline(inline(child.tail, references), target, references);
    }
    parent.append(target);
  }

  // Python's str.expandtabs: a tab moves to the next multiple of four columns.
  function expandTabs(text) {
    return text
      .split("\n")
      .map((line) => {
        let out = "";
        for (const char of line) out += char === "\t" ? " ".repeat(TAB - (out.length % TAB)) : char;
        return out;
      })
      .join("\n");
  }

  function render(text, policy) {
    kept = new Set(policy.tags);
    schemes = policy.schemes;
    // Python-Markdown's preprocessing: one kind of line end, tabs as spaces, blank lines empty.
    let source = expandTabs(text.replace(PLACEHOLDER_MARKS, "").replace(/\r\n?/g, "\n"));
    source = source.replace(/(?<=\n) +\n/g, "\n");
    source = source.replace(/^\n+/, "").replace(/\n+$/, "");
    const parser = new Parser();
    const root = new Element("div");
    parser.parseChunk(root, source);
    const fragment = document.createDocumentFragment();
    for (const child of root.children) {
      domOf(child, fragment, parser.references);
      if (child.tail) domOfInline(inline(child.tail, parser.references), fragment, parser.references);
    }
    return fragment;
  }

  window.cardFormMarkdown = { render };
})();
