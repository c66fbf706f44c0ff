import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ForwardingLetters } from './forwarding-letters.service.js';
import { LetterFilesModule } from './letter-files.js';
import { CaseLettersController, LettersController } from './letters.controller.js';
import { LettersService } from './letters.service.js';
import { RegisterService } from './register.service.js';

/**
 * Outgoing documents: the forwarding letter a routing issues (and one on demand), numbered from the
 * issuing unit's yearly register, its DOCX and PDF (Decree 30 layout) rendered from the register row,
 * and the register itself. Routing calls ForwardingLetters in its transaction; letters knows no
 * routing, deadlines or notifications (the e-mail takes the files through LetterFilesModule).
 */
@Module({
  imports: [CasesModule, LetterFilesModule],
  controllers: [CaseLettersController, LettersController],
  providers: [ForwardingLetters, LettersService, RegisterService],
  exports: [ForwardingLetters],
})
export class LettersModule {}
