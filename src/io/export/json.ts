// A JSON array written element by element, so that it can be streamed.

/** The items as a JSON array, one element per line. */
export async function* jsonArrayText(
  items: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const item of items) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
