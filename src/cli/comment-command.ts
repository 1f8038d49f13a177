// `dossier comment`: posts the diff as one sticky pull request comment, or updates the one it posted.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { readWorkflowContext, type WorkflowContext } from '../github/actions-context.js';
import { blobLinker, repositoryUrl } from '../github/links.js';
import { stickyCommentBody, type CommentMode, type CommentTarget } from '../github/sticky-comment.js';
import { UsageError } from '../ground/errors.js';
import { postComment } from '../use-cases/post-comment.js';
import { readDiffFile } from '../use-cases/read-diff.js';
import { EXIT_OK, oneOf, parseCommandArgs, type Command, type ParsedArgs } from './command.js';
import { writeLine } from './terminal.js';

export const commentCommand: Command = {
  name: 'comment',
  usage: `Usage: dossier comment (--diff <diff.json> | --body-file <file.md>) [options]

Finds the comment it posted before on the pull request (by a hidden marker
scoped by --header), and updates it; creates it the first time; does nothing
when the text is unchanged. Reads GITHUB_TOKEN, GITHUB_REPOSITORY,
GITHUB_EVENT_PATH and GITHUB_API_URL as GitHub Actions sets them.
A token without write access (pull requests from forks) is a warning, not a failure.

Options:
  --diff <file>        a diff written by \`dossier diff --format json\`
  --body-file <file>   post this Markdown instead
  --header <name>      keeps comments of different configurations apart (default: dossier)
  --mode <mode>        update (default), recreate (delete and post anew) or off
  --repo <owner/name>  default: GITHUB_REPOSITORY
  --pr <number>        default: the pull request of GITHUB_EVENT_PATH
  --api-url <url>      default: GITHUB_API_URL, else https://api.github.com
  --dry-run            print the exact comment instead of posting it; with a token, also say
                       whether it would be created, updated, re-posted or left as it is
  -h, --help           show this help

Exit codes: 0 posted (or printed with --dry-run), 2 usage, configuration or GitHub error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('comment', args, {
      diff: { type: 'string' },
      'body-file': { type: 'string' },
      header: { type: 'string' },
      mode: { type: 'string' },
      repo: { type: 'string' },
      pr: { type: 'string' },
      'api-url': { type: 'string' },
      'dry-run': { type: 'boolean' },
    });
    const dryRun = parsed.boolean('dry-run');
    const mode = oneOf<CommentMode>('mode', parsed.string('mode'), ['update', 'recreate', 'off'], 'update');
    const diffFile = parsed.string('diff');
    const bodyFile = parsed.string('body-file');
    if ((diffFile === undefined) === (bodyFile === undefined))
      throw new UsageError('dossier comment needs exactly one of --diff <diff.json> or --body-file <file.md>.');
    if (mode === 'off') {
      context.stdout.write('Comment mode is off; nothing posted.\n');
      return EXIT_OK;
    }

    const environment = readWorkflowContext(context.env);
    let markdown: string;
    if (diffFile !== undefined) {
      const diff = await readDiffFile(path.resolve(context.cwd, diffFile));
      const linkTo = blobLinker(
        repositoryUrl(undefined, context.env),
        { base: diff.base.sha, head: diff.head.sha },
        context.cwd,
        context.cwd,
      );
      markdown = renderDiffMarkdown(diff, linkTo === undefined ? {} : { linkTo });
    } else {
      markdown = await readFile(path.resolve(context.cwd, bodyFile as string), 'utf8');
    }
    const header = parsed.string('header') ?? 'dossier';
    if (dryRun) context.stdout.write(`${stickyCommentBody(header, markdown)}\n`);

    const destination = destinationOf(parsed, environment);
    if (typeof destination === 'string') {
      if (!dryRun) throw new UsageError(destination);
      context.stderr.write(`dossier: dry run; whether a comment is there was not looked up (${destination})\n`);
      return EXIT_OK;
    }

    const warn = (message: string) => {
      writeLine(context.stderr, `dossier: warning: ${message}`);
    };
    const retryBase = Number(context.env.DOSSIER_RETRY_BASE_MS);
    const outcome = await postComment({
      token: destination.token,
      apiUrl: parsed.string('api-url') ?? environment.apiUrl,
      target: destination.target,
      markdown,
      header,
      mode,
      dryRun,
      retryBaseMs: Number.isFinite(retryBase) && retryBase >= 0 ? retryBase : undefined,
      warn,
    });
    if (outcome.action === 'refused') warn(outcome.reason);
    else if (outcome.action === 'skipped') writeLine(context.stdout, `Nothing posted: ${outcome.reason}.`);
    else if (outcome.action === 'previewed')
      context.stderr.write(
        `dossier: dry run; posting would ${outcome.would} the Dossier comment${outcome.url === undefined ? '' : ` ${outcome.url}`}.\n`,
      );
    else {
      const words = { created: 'Posted', updated: 'Updated', recreated: 'Re-posted', unchanged: 'Unchanged:' } as const;
      writeLine(context.stdout, `${words[outcome.action]} the Dossier comment: ${outcome.url}`);
    }
    return EXIT_OK;
  },
};

/** The pull request to comment on and the token to do it with, from the flags and the workflow's environment; else what is missing. */
function destinationOf(parsed: ParsedArgs, environment: WorkflowContext): { target: CommentTarget; token: string } | string {
  const [owner, repo] = parsed.string('repo')?.split('/') ?? [environment.owner, environment.repo];
  const prFlag = parsed.string('pr');
  const issueNumber = prFlag === undefined ? environment.number : Number(prFlag);
  if (owner === undefined || repo === undefined)
    return 'No repository: pass --repo owner/name, or run in GitHub Actions (GITHUB_REPOSITORY).';
  if (issueNumber === undefined || !Number.isInteger(issueNumber) || issueNumber <= 0)
    return 'No pull request: pass --pr <number>, or run on a pull_request event (GITHUB_EVENT_PATH).';
  if (environment.token === undefined) return 'No token: set GITHUB_TOKEN (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}`).';
  return { target: { owner, repo, issueNumber }, token: environment.token };
}
