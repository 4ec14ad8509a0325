// The stand-in of TEN's Node.js runtime behaves as TEN's interface says: lifecycle stages in order,
// each after the previous one's done; property getters answer [value, err] and never throw; a
// command's result comes back through returnResult; messages only between start and stop.
import { describe, expect, it } from 'vitest';
import { ExtensionHost } from '../../ten-runtime/host.js';
import { Addon, Cmd, CmdResult, Extension, RegisterAddonAsExtension, StatusCode, TenErrorCode, type TenEnv } from '../../ten-runtime/index.js';

const seen: string[] = [];

class Probe extends Extension {
  override async onConfigure(): Promise<void> {
    seen.push('configure');
  }
  override async onInit(tenEnv: TenEnv): Promise<void> {
    seen.push('init');
    const [text, textErr] = await tenEnv.getPropertyString('greeting');
    const [missing, missingErr] = await tenEnv.getPropertyString('nope');
    const [wrong, wrongErr] = await tenEnv.getPropertyNumber('greeting');
    const [nested] = await tenEnv.getPropertyNumber('params.rate');
    seen.push(`${text}|${textErr}|${missing}|${missingErr?.errorCode}|${wrong}|${wrongErr?.errorCode}|${nested}`);
  }
  override async onStart(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.push('start');
  }
  override async onCmd(tenEnv: TenEnv, cmd: Cmd): Promise<void> {
    const result = CmdResult.Create(StatusCode.OK, cmd);
    result.setPropertyString('echo', cmd.getPropertyString('text')[0]);
    await tenEnv.returnResult(result);
  }
}

RegisterAddonAsExtension('probe')(
  class extends Addon {
    async onCreateInstance(_tenEnv: TenEnv, name: string): Promise<Extension> {
      return new Probe(name);
    }
  },
);

describe('ten-runtime-nodejs stand-in', () => {
  it('runs the lifecycle in order, with TEN-style property getters and ${env:} substitution', async () => {
    seen.length = 0;
    const host = await ExtensionHost.create({ addon: 'probe', property: { greeting: '${env:GREETING|hi}', params: { rate: 16000 } }, env: {} });
    await expect(host.sendCmd(Cmd.Create('x'))).rejects.toThrow(/not started/);
    await host.start();
    expect(seen).toEqual(['configure', 'init', `hi|undefined||${TenErrorCode.ErrorCodeGeneric}|0|${TenErrorCode.ErrorCodeInvalidType}|16000`, 'start']);
    const cmd = Cmd.Create('say');
    cmd.setPropertyFromJson('', JSON.stringify({ text: 'hello' }));
    const result = await host.sendCmd(cmd);
    expect([result.getStatusCode(), result.getPropertyString('echo')[0], result.isFinal()]).toEqual([StatusCode.OK, 'hello', true]);
    await host.stop();
    expect(host.stages).toEqual(['configure', 'init', 'start', 'stop', 'deinit']);
  });

  it('a required ${env:} variable that is unset stops the load, as in TEN', async () => {
    await expect(ExtensionHost.create({ addon: 'probe', property: { key: '${env:MISSING_KEY}' }, env: {} })).rejects.toThrow(/MISSING_KEY is not set/);
  });

  it('an addon nobody registered is an error', async () => {
    await expect(ExtensionHost.create({ addon: 'nope' })).rejects.toThrow(/no addon registered as nope/);
  });
});
