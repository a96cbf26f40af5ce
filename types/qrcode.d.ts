// The part of 'qrcode' that shared/receiptQr.ts uses, for the shared and browser type checks:
// @types/qrcode starts with `/// <reference types="node" />`, which would hand code that must not
// touch Node all of Node's globals. tsconfig.shared.json and tsconfig.dom.json map 'qrcode' here.
interface QrModules {
  size: number;
  get(row: number, col: number): number | boolean;
}

declare const QRCode: {
  create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: QrModules };
};
export default QRCode;
