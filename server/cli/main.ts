/**
 * The `sgvqa` command line. Each command group lives in commands/<group>.ts and registers itself on the
 * root program; groups import their heavy modules (onnxruntime, sharp, ...) lazily inside their actions
 * so that `sgvqa --help` stays fast.
 */
import { Command, CommanderError } from 'commander';
import { registerAskCommand } from './commands/ask.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerExperimentCommand } from './commands/experiment.ts';
import { registerGraphCommands } from './commands/graph.ts';
import { registerProgramCommands } from './commands/program.ts';
import { registerScoreCommand } from './commands/score.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSggCommands } from './commands/sgg.ts';
import { registerTrainCommand } from './commands/train.ts';
import { registerWorldCommands } from './commands/world.ts';
import { CliError } from './cli-error.ts';

export function buildProgram(): Command {
  const program = new Command('sgvqa')
    .description('SelfGraphVQA: visual question answering over predicted scene graphs')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerGraphCommands(program);
  registerProgramCommands(program);
  registerScoreCommand(program);
  registerEvalCommand(program);
  registerServeCommand(program);
  registerSggCommands(program);
  registerWorldCommands(program);
  registerTrainCommand(program);
  registerExperimentCommand(program);
  registerAskCommand(program);
  return program;
}

/** Runs the CLI. Known failures print one line and exit non-zero; no stack traces for users. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help or its own message.
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sgvqa: ${message.split('\n')[0]}\n`);
    if (process.env.SGVQA_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  }
}
