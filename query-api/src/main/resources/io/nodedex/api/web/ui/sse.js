// Reads a Server-Sent Events stream (text/event-stream, as the HTML standard defines it) from a
// fetch response's body: lines end with CRLF, LF or CR; a line starting with ':' is a comment;
// `field: value` lines set `event`, `data` (several join with newlines) and `id`; a blank line
// ends an event. An event without data is not delivered, as in a browser's EventSource.

/**
 * Reads `body` (a ReadableStream of bytes) to its end, calling `onEvent({type, data, id})` for
 * each event (type `message` when it names none; id the last one the stream set, or '') and
 * `onActivity()` for every chunk read, comments included. Resolves when the stream ends;
 * rejects when reading fails (an aborted fetch, a network break). An event cut off by the end
 * is dropped, so its id is never taken as seen.
 */
export async function readEvents(body, onEvent, onActivity = () => {}) {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new Parser(onEvent);
  try {
    for (;;) {
      const {value, done} = await reader.read();
      if (done) {
        parser.push(decoder.decode(), true);
        return;
      }
      onActivity();
      parser.push(decoder.decode(value, {stream: true}), false);
    }
  } finally {
    reader.releaseLock();
  }
}

class Parser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.first = true;
    this.type = '';
    this.data = [];
    this.id = '';
    this.lastId = '';
  }

  /** Takes more text; `end` says no more follows (a CR at the end then ends its line). */
  push(text, end) {
    this.buffer += text;
    if (this.first && this.buffer.length > 0) {
      this.first = false;
      if (this.buffer.startsWith('\uFEFF')) {
        this.buffer = this.buffer.slice(1);
      }
    }
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      if (lf < 0 && cr < 0) {
        break;
      }
      const at = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (at === cr && at === this.buffer.length - 1 && !end) {
        break; // a CR at the end of a chunk: its LF may come in the next one
      }
      this.line(this.buffer.slice(start, at));
      start = at + (at === cr && this.buffer[at + 1] === '\n' ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.type = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    }
  }

  dispatch() {
    this.lastId = this.id;
    const type = this.type || 'message';
    const data = this.data;
    this.type = '';
    this.data = [];
    if (data.length > 0) {
      this.onEvent({type, data: data.join('\n'), id: this.lastId});
    }
  }
}
