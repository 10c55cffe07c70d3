import { Types } from 'mongoose';
import { derivedObjectId } from '.';

describe('derivedObjectId', () => {
  it('gives the same valid ObjectId for the same key, and different ones across keys and namespaces', () => {
    const id = derivedObjectId('vacancy', 'jobtech:30012345');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(Types.ObjectId.isValid(id)).toBe(true);
    expect(derivedObjectId('vacancy', 'jobtech:30012345')).toBe(id);
    expect(derivedObjectId('vacancy', 'jobtech:30012346')).not.toBe(id);
    expect(derivedObjectId('access', 'jobtech:30012345')).not.toBe(id);
  });
});
