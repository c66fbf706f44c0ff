import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../../config/index.js';
import { APP_CONFIG } from '../../infrastructure/config/config.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { User } from './entities/user.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: jsonwebtoken otherwise re-parses the secret on every
      // verify (createPublicKey, then createSecretKey), which cost a fifth of the API's CPU.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  // The root hands AuthService.checkAdminBasic to the admin surfaces (queue dashboard, docs, metrics).
  exports: [AuthService],
  providers: [AuthService, LoginThrottle, UsersService, AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }],
})
export class AuthModule {}
