import { Module } from '@nestjs/common';

/** The web interface (issue 6): pages for officers, the triage desk, agencies and leaders. */
@Module({})
export class WebModule {}
