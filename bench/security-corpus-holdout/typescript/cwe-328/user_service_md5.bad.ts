import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export class UserService {
  constructor(private readonly users: Repository<User>) {}

  async verifyLogin(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ email });
    if (!user) return null;
    const digest = createHash('md5').update(user.salt + password).digest('hex');
    return digest === user.passwordHash ? user : null;
  }
}
