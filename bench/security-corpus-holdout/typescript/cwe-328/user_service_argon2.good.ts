import argon2 from 'argon2';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export class UserService {
  constructor(private readonly users: Repository<User>) {}

  async verifyLogin(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ email });
    if (!user) return null;
    const ok = await argon2.verify(user.passwordHash, password);
    return ok ? user : null;
  }
}
