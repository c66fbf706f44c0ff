import { pdfmakeReady } from '../infrastructure/documents/pdfmake.js';

/**
 * A demo agency's signed answer (công văn trả lời) as a small A4 PDF with a text layer, so that the
 * demo's resolved cases carry their document and the case search finds them by its words.
 * Roboto (shipped with pdfmake) covers Vietnamese.
 */
export async function answerLetterPdf(letter: { number: string; date: string; issuer: string; caseCode: string; title: string }): Promise<Buffer> {
  const pdfmake = pdfmakeReady();
  const [y, m, d] = letter.date.split('-');
  return pdfmake
    .createPdf({
      pageSize: 'A4',
      info: { title: `Công văn số ${letter.number}`, creator: 'Concern Desk (dữ liệu mẫu)' },
      defaultStyle: { font: 'Roboto', fontSize: 12 },
      content: [
        { text: letter.issuer.toUpperCase(), bold: true },
        { text: `Số: ${letter.number}`, margin: [0, 0, 0, 12] },
        { text: `V/v trả lời phản ánh ${letter.caseCode}`, italics: true, margin: [0, 0, 0, 12] },
        { text: `Ngày ${d} tháng ${m} năm ${y}`, alignment: 'right', italics: true, margin: [0, 0, 0, 16] },
        { text: 'Kính gửi: Ban Tuyên giáo và Dân vận Tỉnh ủy', margin: [0, 0, 0, 12] },
        `Về nội dung "${letter.title}", ${letter.issuer} đã kiểm tra thực tế, làm việc với các hộ dân và cơ quan liên quan, ` +
          'giải quyết dứt điểm theo thẩm quyền và thông báo kết quả đến người dân.',
        { text: 'Nơi nhận: như trên; lưu VT.', fontSize: 10, margin: [0, 24, 0, 0] },
        { text: '(Dữ liệu mẫu — demo data)', fontSize: 9, italics: true, margin: [0, 12, 0, 0] },
      ],
    })
    .getBuffer();
}
