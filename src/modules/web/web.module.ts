import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { mountWebInterface } from './web-interface.js';

/** The web interface (issue 6): pages for officers, the triage desk, agencies and leaders. */
@Module({})
export class WebModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  // Fastify loads plugins when the server starts listening, which comes after module init.
  onModuleInit() {
    // A CLI (seed, metrics rebuild) builds the modules without an HTTP server: nothing to mount.
    if (!this.adapterHost.httpAdapter) return;
    mountWebInterface(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }
}
