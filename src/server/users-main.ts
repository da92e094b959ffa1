import { usersCli } from './users-cli';

/** The users CLI's entry point (dist-server/node/users.js; `npm run users -- …`). */
process.exitCode = await usersCli(process.argv.slice(2), {
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});
