import type { CliIo } from '../../lambda/cli/io';

/** A CliIo that keeps what a command wrote, for assertions. */
export interface RecordingIo extends CliIo {
  out: string;
  err: string;
}

export function recordingIo(overrides: Partial<Pick<CliIo, 'stdoutIsTTY' | 'stderrIsTTY' | 'env' | 'stdoutColumns'>> = {}): RecordingIo {
  const io: RecordingIo = {
    out: '',
    err: '',
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    stderrIsTTY: false,
    stdoutIsTTY: false,
    env: {},
    ...overrides,
  };
  return io;
}
