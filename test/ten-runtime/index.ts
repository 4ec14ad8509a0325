// A stand-in for `ten-runtime-nodejs` (TEN 0.11), written from TEN's interface definitions
// (core/src/ten_runtime/binding/nodejs/interface/ in TEN-framework/ten-framework): the classes and
// signatures an extension imports. Tests alias the import to this module; host.ts plays the runtime.
export { Addon, AddonManager, RegisterAddonAsExtension } from './addon.js';
export { AudioFrame, AudioFrameDataFmt } from './audio_frame.js';
export { Cmd, CmdResult, StatusCode } from './cmd.js';
export { Data } from './data.js';
export { TenError, TenErrorCode } from './error.js';
export { Extension } from './extension.js';
export { DefaultLogOption, LogLevel, type LogOption, type SendOptions } from './log.js';
export { Loc, Msg } from './msg.js';
export { TenEnv } from './ten_env.js';
