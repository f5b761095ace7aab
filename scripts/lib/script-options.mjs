// The command-line options preamble and ending shared by the scripts under scripts/ that parse
// their options with yargs. This module owns the house conventions, so that every script behaves
// the same on a bad command line:
//   - the parser configuration: no --no-X negation of boolean options (an option spelled no-X is
//     an option of its own), no camelCase copies of dashed options, and, for scripts that take
//     positional arguments, positionals kept as strings;
//   - no stray arguments: strict() rejects unknown options and extra positionals, and a check
//     rejects those after -- (which strict() lets through);
//   - --help, and no --version;
//   - a failure prints `NAME: message (--help lists the options)` on stderr and exits 1 (or the
//     script's own status).
// Each script keeps its options, positionals and extra checks; it adds them to scriptOptions()'s
// builder and ends with parseScriptOptions():
//
//   const cli = scriptOptions('node scripts/NAME.mjs', 'Usage: $0 [options]\n\nWhat it does.')
//     .option('runs', { type: 'number', default: 5, describe: 'timed runs' });
//   const opts = parseScriptOptions(cli, 'NAME', {
//     check: (a) => {
//       if (!(a.runs >= 1)) throw new Error('--runs must be >= 1');
//       return true;
//     },
//   });
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

/**
 * A yargs builder for a script: its scriptName (`command`, what --help shows as $0), its usage
 * text and the house parser configuration.
 *   positionals: the script takes positional arguments (a `.command('$0 [x..]')`): keep them
 *     strings ('parse-positional-numbers': false)
 *   booleanNegation: keep yargs's own --no-X negation of boolean options (not the house rule)
 *   argv: the arguments to parse (default: this process's, less node and the script)
 */
export function scriptOptions(command, usage, { positionals = false, booleanNegation = false, argv = hideBin(process.argv) } = {}) {
  const config = booleanNegation ? { 'camel-case-expansion': false } : { 'boolean-negation': false, 'camel-case-expansion': false };
  if (positionals) config['parse-positional-numbers'] = false;
  return yargs(argv)
    .scriptName(command)
    .usage(usage)
    .parserConfiguration(config);
}

/**
 * Ends a builder from scriptOptions() and parses: rejects stray arguments, then runs `check` (the
 * script's own, which throws or returns false or a message on a bad command line, as a yargs check
 * does), adds --help, drops --version, makes unknown options an error, and returns the parsed
 * options. A bad command line prints `${name}: message (--help lists the options)` and exits
 * `exitCode`.
 *   helpAlias: another name for --help (e.g. 'h' for -h)
 *   reportFailure: false leaves a bad command line to yargs (the usage and the message on stderr,
 *     exit 1); `name` and `exitCode` are then unused
 */
export function parseScriptOptions(builder, name, { check, exitCode = 1, helpAlias, reportFailure = true } = {}) {
  builder
    .check((a) => {
      if (a._.length > 0) throw new Error(`unexpected argument ${a._[0]}`); // strict() lets those after -- through
      return check ? check(a) : true;
    })
    .help();
  if (helpAlias !== undefined) builder.alias('help', helpAlias); // after help(), which would drop it
  builder
    .version(false)
    .strict();
  if (reportFailure) {
    builder.fail((msg, err) => {
      process.stderr.write(`${name}: ${String(msg ?? err?.message ?? err).replace(/\s*\n\s*/g, ' ')} (--help lists the options)\n`);
      process.exit(exitCode);
    });
  }
  return builder.parseSync();
}
