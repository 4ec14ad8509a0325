// TenError and its codes, as TEN's Node.js interface defines them (interface/error.ts).
export enum TenErrorCode {
  ErrorCodeGeneric = 1,
  ErrorCodeInvalidJSON = 2,
  ErrorCodeInvalidArgument = 3,
  ErrorCodeInvalidType = 4,
  ErrorCodeInvalidGraph = 5,
  ErrorCodeTenIsClosed = 6,
  ErrorCodeMsgNotConnected = 7,
  ErrorCodeTimeout = 8,
}

export class TenError {
  private _errorCode: TenErrorCode;
  private _errorMessage: string;

  constructor(errorCode: TenErrorCode, errorMessage: string) {
    this._errorCode = errorCode;
    this._errorMessage = errorMessage;
  }

  get errorCode(): TenErrorCode {
    return this._errorCode;
  }

  get errorMessage(): string | undefined {
    return this._errorMessage;
  }
}
