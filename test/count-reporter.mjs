// node --test reporter that ends the run with the plain "N passed, N failed" line CI reads.
export default async function* count(source) {
  for await (const event of source) {
    // The run's overall summary is the one not tied to a file.
    if (event.type === 'test:summary' && event.data.file === undefined) {
      const { passed, failed } = event.data.counts;
      yield `${passed} passed, ${failed} failed\n`;
    }
  }
}
