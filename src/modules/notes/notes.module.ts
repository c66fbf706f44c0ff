import { Module } from '@nestjs/common';
import { NotesController } from './notes.controller.js';
import { NotesService } from './notes.service.js';

/** Internal working notes on cases, after cases (whose visibility rule it applies) and before notifications (which tells the mentioned). */
@Module({
  controllers: [NotesController],
  providers: [NotesService],
})
export class NotesModule {}
