// AudioFrame (interface/msg/audio_frame.ts): PCM in one buffer plus its format fields. allocBuf sizes
// the buffer; lockBuf hands out the frame's own memory to write into, unlockBuf gives it back.
import { Msg } from './msg.js';

export enum AudioFrameDataFmt {
  INTERLEAVE = 1,
  NON_INTERLEAVE = 2,
}

export class AudioFrame extends Msg {
  private _buf = new ArrayBuffer(0);
  private _locked = false;
  private _timestamp = 0;
  private _sampleRate = 0;
  private _samplesPerChannel = 0;
  private _bytesPerSample = 0;
  private _numberOfChannels = 0;
  private _dataFmt = AudioFrameDataFmt.INTERLEAVE;
  private _lineSize = 0;
  private _eof = false;

  private constructor(name: string) {
    super(name);
  }

  static Create(name: string): AudioFrame {
    return new AudioFrame(name);
  }

  allocBuf(size: number): void {
    this._buf = new ArrayBuffer(size);
  }

  lockBuf(): ArrayBuffer {
    if (this._locked) throw new Error('the audio frame buffer is already locked');
    this._locked = true;
    return this._buf;
  }

  unlockBuf(buf: ArrayBuffer): void {
    if (!this._locked || buf !== this._buf) throw new Error('unlockBuf: not the locked buffer');
    this._locked = false;
  }

  /** A copy, as TEN's binding returns. */
  getBuf(): ArrayBuffer {
    return this._buf.slice(0);
  }

  getTimestamp(): number {
    return this._timestamp;
  }

  setTimestamp(timestamp: number): void {
    this._timestamp = timestamp;
  }

  getSampleRate(): number {
    return this._sampleRate;
  }

  setSampleRate(sampleRate: number): void {
    this._sampleRate = sampleRate;
  }

  getSamplesPerChannel(): number {
    return this._samplesPerChannel;
  }

  setSamplesPerChannel(samplesPerChannel: number): void {
    this._samplesPerChannel = samplesPerChannel;
  }

  getBytesPerSample(): number {
    return this._bytesPerSample;
  }

  setBytesPerSample(bytesPerSample: number): void {
    this._bytesPerSample = bytesPerSample;
  }

  getNumberOfChannels(): number {
    return this._numberOfChannels;
  }

  setNumberOfChannels(numberOfChannels: number): void {
    this._numberOfChannels = numberOfChannels;
  }

  getDataFmt(): AudioFrameDataFmt {
    return this._dataFmt;
  }

  setDataFmt(dataFmt: AudioFrameDataFmt): void {
    this._dataFmt = dataFmt;
  }

  getLineSize(): number {
    return this._lineSize;
  }

  setLineSize(lineSize: number): void {
    this._lineSize = lineSize;
  }

  isEof(): boolean {
    return this._eof;
  }

  setEof(eof: boolean): void {
    this._eof = eof;
  }
}
