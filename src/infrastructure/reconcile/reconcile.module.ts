import { Global, Module } from '@nestjs/common';
import { Reconciliation } from './reconciliation.service.js';

/** Worker only: the reconciliation loop, which worker-side providers of every module register with. */
@Global()
@Module({ providers: [Reconciliation], exports: [Reconciliation] })
export class ReconcileModule {}
