import { SseParser } from './sse.js';
import type { UpstreamCall } from './upstream.js';

/** The models an OpenAI-compatible server serves (`GET /v1/models`: vLLM, llama.cpp server, TGI, Ollama …). */
export async function openaiModels(call: UpstreamCall): Promise<string[]> {
  const j = (await call.json(await call.fetch('/v1/models', { method: 'GET' }))) as {
    data?: unknown;
  };
  if (!Array.isArray(j.data)) throw call.bad('GET /v1/models: no data array');
  return j.data.map((m: unknown) => {
    const id = (m as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id) throw call.bad('GET /v1/models: a model without an id');
    return id;
  });
}

type Message = { role: string; content: unknown };

/**
 * The chat messages for a request's text input: a JSON object with a `messages` array is sent as
 * the conversation (system prompt, history); any other text is one user message.
 */
export function chatMessages(input: string): Message[] {
  if (input.trimStart().startsWith('{')) {
    try {
      const j = JSON.parse(input) as { messages?: unknown };
      if (
        Array.isArray(j.messages) &&
        j.messages.every((m) => typeof (m as Message | null)?.role === 'string')
      )
        return j.messages as Message[];
    } catch {
      // not JSON after all: plain text
    }
  }
  return [{ role: 'user', content: input }];
}

interface Choice {
  delta?: { content?: unknown };
  message?: { content?: unknown };
  finish_reason?: unknown;
}

/** The text of one streamed chunk (`choices[0].delta.content`); throws on an error event. */
function chunkText(call: UpstreamCall, data: string): { text: string; finished: boolean } {
  let j: { choices?: Choice[]; error?: { message?: unknown } | string };
  try {
    j = JSON.parse(data) as typeof j;
  } catch {
    throw call.bad(`a stream event is not JSON: ${data.slice(0, 80)}`);
  }
  if (j.error !== undefined) {
    const m = typeof j.error === 'string' ? j.error : String(j.error.message ?? '');
    throw call.bad(`error event in the stream: ${m.slice(0, 200)}`);
  }
  const c = j.choices?.[0];
  const content = c?.delta?.content;
  if (content !== undefined && content !== null && typeof content !== 'string')
    throw call.bad('delta.content is not a string');
  return { text: content ?? '', finished: typeof c?.finish_reason === 'string' };
}

/**
 * `POST /v1/chat/completions`. With `onDelta`, asks for `stream: true` and reads the server-sent
 * events as they arrive, handing each delta on at once; without, one JSON answer. Resolves with the
 * whole text. A server that answers a streaming request with one JSON body is read as one delta.
 */
export async function openaiChat(
  call: UpstreamCall,
  req: { model: string; input: string; maxTokens: number },
  onDelta?: (text: string) => void,
): Promise<string> {
  const res = await call.fetch('/v1/chat/completions', {
    method: 'POST',
    body: {
      model: req.model,
      messages: chatMessages(req.input),
      max_tokens: req.maxTokens,
      stream: onDelta !== undefined,
    },
  });
  const streamed = (res.headers.get('content-type') ?? '').includes('text/event-stream');
  if (!onDelta || !streamed) {
    const j = (await call.json(res)) as { choices?: Choice[] };
    const content = j.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw call.bad('no choices[0].message.content');
    if (onDelta && content) onDelta(content);
    return content;
  }
  if (!res.body) throw call.bad('an event stream without a body');
  const parser = new SseParser();
  let out = '';
  let done = false;
  let finished = false;
  const take = (events: string[]) => {
    for (const data of events) {
      if (done) return;
      if (data === '[DONE]') {
        done = true;
        return;
      }
      const c = chunkText(call, data);
      finished ||= c.finished;
      if (c.text) {
        out += c.text;
        onDelta(c.text);
      }
    }
  };
  const reader = res.body.getReader();
  let ended = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        ended = true;
        break;
      }
      take(parser.push(r.value));
      if (done) break;
    }
    if (!done) take(parser.end());
  } catch (err) {
    throw call.fail(err);
  } finally {
    // Read to [DONE] only, or failed half-way: close the body so the connection is not left open.
    if (!ended) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  // [DONE] ends the stream; a server that closes without it but said why it finished is complete too.
  if (!done && !finished) throw call.bad('the event stream ended before [DONE]');
  return out;
}
