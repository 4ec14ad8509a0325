// Cmd and CmdResult (interface/msg/cmd/cmd.ts, cmd_result.ts): a command, and the result its receiver
// returns with returnResult; a result is final unless setFinal(false) says more follow.
import { Msg } from './msg.js';

export class Cmd extends Msg {
  protected constructor(name: string) {
    super(name);
  }

  static Create(name: string): Cmd {
    return new Cmd(name);
  }
}

export enum StatusCode {
  OK = 0,
  ERROR = 1,
}

export class CmdResult extends Msg {
  private _statusCode: StatusCode;
  private _final = true;
  /** @internal the command this answers. */
  readonly _target: Cmd;

  private constructor(statusCode: StatusCode, targetCmd: Cmd) {
    super(targetCmd.getName());
    this._statusCode = statusCode;
    this._target = targetCmd;
  }

  static Create(statusCode: StatusCode, targetCmd: Cmd): CmdResult {
    return new CmdResult(statusCode, targetCmd);
  }

  getStatusCode(): StatusCode {
    return this._statusCode;
  }

  setFinal(isFinal: boolean): void {
    this._final = isFinal;
  }

  isFinal(): boolean {
    return this._final;
  }

  isCompleted(): boolean {
    return this._final;
  }
}
