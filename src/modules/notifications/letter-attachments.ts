import { Injectable, OnModuleInit } from '@nestjs/common';
import { LetterFiles } from '../letters/letter-files.js';
import { NotificationAttachments } from './attachments.js';
import { wordsMayTravel } from './redaction.js';

/**
 * The forwarding letter on the agency's assignment notice (and on a letter sent on demand): its PDF, rendered when the e-mail is sent
 * from the register row the notice names. The letter states the case's words, so it travels only
 * with a notice stamped PUBLIC (the sensitivity now, stamped again at send time); for a RESTRICTED or
 * CONFIDENTIAL case the notice says the letter is in the system and carries no file.
 */
@Injectable()
export class LetterAttachments implements OnModuleInit {
  constructor(
    private readonly attachments: NotificationAttachments,
    private readonly letters: LetterFiles,
  ) {}

  onModuleInit() {
    const letter = async (vars: { letterId?: string | null; sensitivity?: string }) =>
      vars.letterId && wordsMayTravel({ sensitivity: vars.sensitivity }) ? [await this.letters.render(vars.letterId, 'pdf')] : [];
    this.attachments.register('assignment-received', letter);
    this.attachments.register('letter-issued', letter);
  }
}
