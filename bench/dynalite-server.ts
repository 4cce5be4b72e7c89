/**
 * dynalite in a process of its own, for the storm benchmark: DynamoDB is a remote service, so the
 * auditor's process should not pay for the server's work. Prints the endpoint on its first line
 * of stdout, serves until its parent disconnects.
 */
import { startDynalite } from '../test/support/dynalite';

startDynalite()
  .then((server) => {
    process.stdout.write(`${server.endpoint}\n`);
    process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
    // The parent asks for this process's CPU time to print the server's share of the work.
    process.on('message', () => process.send?.({ cpuMicros: process.cpuUsage().user + process.cpuUsage().system }));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
